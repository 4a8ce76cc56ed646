using Caseload.Api.Application;
using Caseload.Api.Domain;
using Workforce.ServiceDefaults.Retention;
using Xunit;

namespace Caseload.Api.Tests.Domain;

/// <summary>Which allocation rows and workers retention removes, with a cutoff of 24 November 2021.</summary>
public sealed class ExpiredCasesTests
{
    private static readonly DateOnly Cutoff = new(2021, 11, 24);
    private static readonly DateOnly Start = new(2019, 1, 1);

    private readonly AllocationLog _log = new();

    [Fact]
    public void A_case_closed_the_day_before_the_cutoff_goes_with_its_corrections_one_closed_on_the_cutoff_and_open_ones_stay()
    {
        _log.Add(AllocationKind.Open, "c-day-before", Start, "w-in");                     // chg-1
        _log.Add(AllocationKind.Allocate, "c-day-before", new DateOnly(2019, 6, 1), "w-in"); // chg-2
        _log.Add(AllocationKind.Close, "c-day-before", Cutoff.AddDays(-1), null);           // chg-3
        _log.Add(AllocationKind.Open, "c-on-cutoff", Start, "w-in");                        // chg-4
        _log.Add(AllocationKind.Close, "c-on-cutoff", Cutoff, null);                        // chg-5
        _log.Add(AllocationKind.Open, "c-open", Start, "w-in");                             // chg-6
        _log.Retract(2);                                                                    // chg-7

        var (rows, workers) = ExpiredCases.Find(_log.Changes, [Worker("w-in", to: null)], Cutoff);

        Assert.Equal(["chg-1", "chg-2", "chg-3", "chg-7"], rows.Select(r => r.ChangeId));
        Assert.Empty(workers);
    }

    [Fact]
    public void A_worker_who_left_before_the_cutoff_goes_unless_a_remaining_allocation_names_them()
    {
        _log.Add(AllocationKind.Open, "c-closed", Start, "w-gone");
        _log.Add(AllocationKind.Close, "c-closed", new DateOnly(2020, 5, 1), null);
        // An open case still held by a leaver needs reallocating: the leaver's row stays with it.
        _log.Add(AllocationKind.Open, "c-still-held", Start, "w-left-holding");
        Worker[] workers = [Worker("w-gone", to: new DateOnly(2020, 7, 1)), Worker("w-left-holding", to: new DateOnly(2020, 7, 1)),
            Worker("w-left-on-cutoff", to: Cutoff.AddDays(1)), Worker("w-in", to: null)];

        var (rows, leavers) = ExpiredCases.Find(_log.Changes, workers, Cutoff);

        Assert.Equal(["chg-1", "chg-2"], rows.Select(r => r.ChangeId));
        Assert.Equal(["w-gone"], leavers);
    }

    [Fact]
    public void Frozen_target_progress_round_trips_exactly_with_its_threshold_counts()
    {
        for (var i = 0; i < 21; i++)
        {
            _log.Add(AllocationKind.Open, $"c-{i}", Start, "w-in");
        }

        var workers = new Dictionary<string, Worker> { ["w-in"] = Worker("w-in", to: null) };
        var snapshot = new CaseloadSnapshot(_log.Timelines, workers, null, null, null);
        var progress = CaseloadRetention.Progress(snapshot, new DateOnly(2019, 9, 30), null, false);

        var json = FrozenFigures.Serialize(progress);
        var back = FrozenFigures.Deserialize<FrozenProgress>(json);

        Assert.Equal(json, FrozenFigures.Serialize(back));
        // 21 cases on 0.75 FTE: above 20 × 0.75 = 15 and 25 × 0.75 = 18.75.
        Assert.Equal([(20m, 1), (25m, 1)], back.Unadjusted.AboveThresholds);
        Assert.Equal(21m / 0.75m, back.Unadjusted.AverageCaseload);
    }

    private static Worker Worker(string staffId, DateOnly? to) => new()
    {
        Authority = "841",
        StaffId = staffId,
        Version = 1,
        Periods = [new WorkerPeriod { From = new DateOnly(2018, 1, 1), To = to, Team = "north", FteMillionths = 750_000, Registered = true, CaseHolding = true }],
    };
}
