using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Domain;

public sealed class AllocationChangeTests
{
    [Fact]
    public void Cached_changes_hold_one_instance_of_each_equal_id_and_keep_their_values()
    {
        // Built from parts, as a database reader would: equal values, distinct instances.
        static string Fresh(string value) => new([.. value]);
        var changes = Enumerable.Range(1, 3).Select(i => new AllocationChange
        {
            Authority = Fresh("841"), ChangeId = $"chg-{i}", CaseId = Fresh(i < 3 ? "case-1" : "case-2"), StaffId = i == 2 ? null : Fresh("sw-1"),
        }).ToList();

        AllocationChange.ShareStrings(changes);

        Assert.Same(changes[0].Authority, changes[2].Authority);
        Assert.Same(changes[0].CaseId, changes[1].CaseId);
        Assert.Same(changes[0].StaffId, changes[2].StaffId);
        Assert.Equal([("case-1", "sw-1"), ("case-1", null), ("case-2", "sw-1")], changes.Select(c => (c.CaseId, c.StaffId)));
    }
}
