using Workforce.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Workforce.Api.Tests;

public sealed class AssignmentHistoryTests
{
    [Fact]
    public void Each_change_runs_until_the_next_effective_date()
    {
        var periods = AssignmentHistory.Periods(
        [
            Change(version: 2, from: new DateOnly(2024, 6, 1), team: "North", fte: 0.5),
            Change(version: 1, from: new DateOnly(2024, 1, 1), team: "South", fte: 1.0),
        ]);

        Assert.Equal(2, periods.Count);
        Assert.Equal(new AssignmentPeriod(new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 1), "South", 5, ContractType.Employed, 1.0m, true, true), periods[0]);
        Assert.Equal(new AssignmentPeriod(new DateOnly(2024, 6, 1), null, "North", 5, ContractType.Employed, 0.5m, true, true), periods[1]);
    }

    [Fact]
    public void A_backdated_change_recorded_later_splits_history_in_date_order()
    {
        var periods = AssignmentHistory.Periods(
        [
            Change(version: 1, from: new DateOnly(2024, 1, 1), team: "South", fte: 1.0),
            Change(version: 2, from: new DateOnly(2024, 9, 1), team: "East", fte: 1.0),
            Change(version: 3, from: new DateOnly(2024, 4, 1), team: "North", fte: 0.8),
        ]);

        Assert.Equal(["South", "North", "East"], periods.Select(p => p.Team));
        Assert.Equal(new DateOnly(2024, 4, 1), periods[0].To);
        Assert.Equal(new DateOnly(2024, 9, 1), periods[1].To);
        Assert.Equal(0.8m, periods[1].Fte);
    }

    [Fact]
    public void Of_two_changes_on_one_day_the_later_recorded_wins()
    {
        var periods = AssignmentHistory.Periods(
        [
            Change(version: 1, from: new DateOnly(2024, 1, 1), team: "South", fte: 1.0),
            Change(version: 2, from: new DateOnly(2024, 1, 1), team: "South", fte: 0.6),
        ]);

        var only = Assert.Single(periods);
        Assert.Equal(0.6m, only.Fte);
        Assert.Null(only.To);
    }

    private static AssignmentRecord Change(long version, DateOnly from, string team, double fte) => new()
    {
        Authority = "841",
        StaffId = "post-1",
        ChangeId = $"c{version}",
        Version = version,
        EffectiveFrom = from,
        Team = team,
        CensusRole = 5,
        Contract = ContractType.Employed,
        FteMillionths = Fte.ToMillionths(fte),
        Registered = true,
        CaseHolding = true,
    };
}
