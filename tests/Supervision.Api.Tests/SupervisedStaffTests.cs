using Supervision.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Supervision.Api.Tests;

public sealed class SupervisedStaffTests
{
    [Fact]
    public void A_newer_version_replaces_roles_and_registration()
    {
        var staff = new SupervisedStaff { Authority = "840", StaffId = "m1" };

        Assert.True(staff.Apply(Changed(1, new AssignmentPeriod(new DateOnly(2024, 1, 1), null, "east", 4, ContractType.Employed, 1m, true, true))));
        Assert.True(staff.Apply(Changed(2,
            new AssignmentPeriod(new DateOnly(2024, 1, 1), new DateOnly(2024, 7, 1), "east", 4, ContractType.Employed, 1m, true, true),
            new AssignmentPeriod(new DateOnly(2024, 7, 1), null, "east", 3, ContractType.Employed, 1m, true, false))));

        Assert.Equal([4, 3], staff.Periods.Select(p => p.CensusRole));
        Assert.Equal(new DateOnly(2024, 7, 1), staff.Periods[0].To);
    }

    [Fact]
    public void Line_manager_asye_start_and_absences_are_kept_for_the_supervision_clock()
    {
        var staff = new SupervisedStaff { Authority = "840", StaffId = "m1" };
        var asye = new DateOnly(2025, 9, 1);

        staff.Apply(Changed(1, new AssignmentPeriod(asye, null, "east", 5, ContractType.Employed, 1m, true, true, "tm-7", asye)) with
        {
            Absences = [new AbsencePeriod(new DateOnly(2025, 10, 6), new DateOnly(2026, 1, 30), "MAT", new DateOnly(2025, 10, 6))],
        });

        var period = Assert.Single(staff.Periods);
        Assert.Equal(("tm-7", (DateOnly?)asye), (period.LineManagerStaffId, period.AsyeStart));
        Assert.Equal(new DateOnly(2025, 10, 6), Assert.Single(staff.Absences).LongTermFrom);
    }

    [Fact]
    public void A_stale_version_is_ignored()
    {
        var staff = new SupervisedStaff { Authority = "840", StaffId = "m1" };
        staff.Apply(Changed(5, new AssignmentPeriod(new DateOnly(2024, 1, 1), null, "east", 3, ContractType.Agency, 1m, true, false)));

        Assert.False(staff.Apply(Changed(4, new AssignmentPeriod(new DateOnly(2024, 1, 1), null, "west", 5, ContractType.Employed, 1m, false, true))));

        var period = Assert.Single(staff.Periods);
        Assert.Equal(("east", 3, true), (period.Team, period.CensusRole, period.Registered));
    }

    private static StaffMemberChanged Changed(long version, params AssignmentPeriod[] periods) =>
        new("840", "m1", version, DateTimeOffset.UnixEpoch.AddDays(version), periods);
}
