using Workforce.ServiceDefaults.Retention;
using Xunit;

namespace Workforce.ServiceDefaults.Tests.Retention;

public sealed class ExpiredRowsTests
{
    private sealed record Row(string? Owner, string Id, string? Retracts = null);

    [Fact]
    public void Rows_go_with_their_owner_and_corrections_with_what_they_retract()
    {
        Row[] log = [new("a", "1"), new("a", "2"), new(null, "3", Retracts: "2"), new("b", "4"), new(null, "5")];

        var (owners, rows) = ExpiredRows.Select(log, ["a"], r => r.Owner, r => r.Id, r => r.Retracts);

        Assert.Equal(["a"], owners);
        Assert.Equal([log[0], log[1], log[2]], rows);
    }

    [Fact]
    public void An_owner_sharing_a_change_id_or_a_correction_with_one_that_stays_is_kept_whole()
    {
        // "a" shares id 1 with "b" (a later version named b); "c" is retracted by a correction filed under "b".
        Row[] log = [new("a", "1"), new("b", "1"), new("c", "2"), new("b", "3", Retracts: "2"), new("d", "4")];

        var (owners, rows) = ExpiredRows.Select(log, ["a", "c", "d"], r => r.Owner, r => r.Id, r => r.Retracts);

        Assert.Equal(["d"], owners);
        Assert.Equal([log[4]], rows);
    }

    [Fact]
    public void Keeping_one_owner_keeps_every_candidate_it_is_chained_to()
    {
        // a shares with c, c shares with b; b stays, so c stays, so a stays.
        Row[] log = [new("a", "1"), new("c", "1"), new("c", "2"), new("b", "2")];

        var (owners, rows) = ExpiredRows.Select(log, ["a", "c"], r => r.Owner, r => r.Id, r => r.Retracts);

        Assert.Empty(owners);
        Assert.Empty(rows);
    }
}
