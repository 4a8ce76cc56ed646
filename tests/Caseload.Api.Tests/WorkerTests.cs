using Caseload.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Caseload.Api.Tests;

public sealed class WorkerTests
{
    [Fact]
    public void A_newer_version_replaces_the_whole_state()
    {
        var worker = new Worker { Authority = "841", StaffId = "p1" };

        Assert.True(worker.Apply(Changed(1, Period(new DateOnly(2024, 1, 1), 1.0m))));
        Assert.True(worker.Apply(Changed(2, Period(new DateOnly(2024, 1, 1), 1.0m, to: new DateOnly(2024, 5, 1)), Period(new DateOnly(2024, 5, 1), 0.4m))));

        Assert.Equal(2, worker.Version);
        Assert.Equal([1_000_000L, 400_000L], worker.Periods.Select(p => p.FteMillionths));
        Assert.Equal(new DateOnly(2024, 5, 1), worker.Periods[0].To);
    }

    [Fact]
    public void Absences_arrive_with_the_day_they_become_long_term()
    {
        var worker = new Worker { Authority = "841", StaffId = "p1" };
        var message = Changed(1, Period(new DateOnly(2024, 1, 1), 1.0m)) with
        {
            Absences = [new AbsencePeriod(new DateOnly(2025, 2, 1), null, "SIC", new DateOnly(2025, 2, 28))],
        };

        worker.Apply(message);

        var absence = Assert.Single(worker.Absences);
        Assert.Equal((new DateOnly(2025, 2, 1), (DateOnly?)null, (DateOnly?)new DateOnly(2025, 2, 28)), (absence.FirstDay, absence.LastDay, absence.LongTermFrom));
    }

    [Fact]
    public void An_older_or_repeated_version_changes_nothing()
    {
        var worker = new Worker { Authority = "841", StaffId = "p1" };
        worker.Apply(Changed(3, Period(new DateOnly(2024, 1, 1), 0.5m)));

        Assert.False(worker.Apply(Changed(2, Period(new DateOnly(2023, 1, 1), 1.0m))));
        Assert.False(worker.Apply(Changed(3, Period(new DateOnly(2023, 1, 1), 1.0m))));

        Assert.Equal(3, worker.Version);
        Assert.Equal(500_000L, Assert.Single(worker.Periods).FteMillionths);
    }

    internal static StaffMemberChanged Changed(long version, params AssignmentPeriod[] periods) =>
        new("841", "p1", version, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(version), periods);

    internal static AssignmentPeriod Period(DateOnly from, decimal fte, DateOnly? to = null) =>
        new(from, to, "team-a", 5, ContractType.Employed, fte, Registered: true, CaseHolding: true);
}
