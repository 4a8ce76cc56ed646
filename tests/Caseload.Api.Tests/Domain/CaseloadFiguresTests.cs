using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Domain;

/// <summary>Caseload definitions (domain.md §1, §1a, §3), each with a hand-worked example.</summary>
public sealed class CaseloadFiguresTests
{
    private static readonly DateOnly Sept30 = new(2025, 9, 30);
    private static readonly CaseloadOptions Dfe = new(18m, [20m, 25m], AsyeWeight: 0.6m, ExcludeLongTermAbsence: false);

    private readonly AllocationLog _log = new();
    private readonly Dictionary<string, Worker> _workers = new(StringComparer.Ordinal);

    [Fact]
    public void A_transfer_on_30_September_belongs_to_the_new_worker_and_a_close_that_day_is_closed()
    {
        Worker("w1", 1.0m);
        Worker("w2", 1.0m);
        Open("c1", new DateOnly(2025, 4, 1), "w1");
        Allocate("c1", Sept30, "w2");
        Open("c2", new DateOnly(2025, 4, 1), "w1");
        Close("c2", Sept30);

        var progress = At(Sept30);

        Assert.Equal([("w2", 1)], progress.Workers.Select(w => (w.StaffId, w.Cases)));
        Assert.Equal([("w1", 2)], At(Sept30.AddDays(-1)).Workers.Select(w => (w.StaffId, w.Cases)));
    }

    [Fact]
    public void The_average_counts_agency_workers_and_managers_who_hold_cases_and_leaves_out_workers_with_none()
    {
        Worker("employed", 1.0m);
        Worker("agency", 1.0m);
        Worker("manager", 1.0m);
        Worker("no-cases", 1.0m);
        Cases("employed", 20);
        Cases("agency", 16);
        Cases("manager", 3);

        var progress = At(Sept30).Unadjusted;

        // 39 cases over the 3.0 FTE that hold any: 13.0.
        Assert.Equal((39, 3.0m, 13.0m), (progress.Cases, progress.CaseHoldingFte, progress.AverageCaseload));
        Assert.Equal(3, progress.CaseHoldingWorkers);
    }

    [Fact]
    public void A_part_time_worker_is_at_target_pro_rata()
    {
        Worker("half", 0.5m);
        Worker("half-over", 0.5m);
        Cases("half", 9);
        Cases("half-over", 10);

        var progress = At(Sept30).Unadjusted;

        // 0.5 FTE: target 9 cases. 9 is at target; 10 is over it (and 10 > 20 × 0.5 is not over the first threshold).
        Assert.Equal((1, 50m), (progress.AtOrUnderTarget, progress.ShareAtOrUnderTargetPercent));
        Assert.Equal([(20m, 0), (25m, 0)], progress.AboveThresholds);
        Assert.Equal(19m, progress.AverageCaseload);
        Assert.Equal(19m / 18m - 1m, progress.FteGap);
    }

    [Fact]
    public void An_asye_worker_carries_a_weighted_fte_in_adjusted_figures_only()
    {
        Worker("asye", 1.0m, asyeStart: new DateOnly(2025, 1, 6));
        Worker("experienced", 1.0m);
        Cases("asye", 11);
        Cases("experienced", 17);

        var progress = At(Sept30);

        // Unadjusted: 28 / 2.0 = 14, both at target. Adjusted (w = 0.6): 28 / 1.6 = 17.5; the ASYE worker's
        // target is 18 × 0.6 = 10.8 cases, so 11 is over it.
        Assert.Equal((14m, 2), (progress.Unadjusted.AverageCaseload!.Value, progress.Unadjusted.AtOrUnderTarget));
        Assert.Equal((17.5m, 1), (progress.Adjusted.AverageCaseload!.Value, progress.Adjusted.AtOrUnderTarget));
        Assert.Equal(1.0m, At(new DateOnly(2026, 1, 6)).Workers.Single(w => w.StaffId == "asye").AdjustedFte);
    }

    [Fact]
    public void A_worker_on_long_term_absence_leaves_the_adjusted_fte_but_their_cases_stay_counted()
    {
        Worker("absent", 1.0m);
        _workers["absent"].Absences.Add(new WorkerAbsence { FirstDay = new DateOnly(2025, 6, 1), LongTermFrom = new DateOnly(2025, 6, 1) });
        Worker("present", 1.0m);
        Cases("absent", 10);
        Cases("present", 14);

        var progress = CaseloadFigures.At(_log.Timelines, _workers, Sept30, Dfe with { ExcludeLongTermAbsence = true });

        Assert.Equal(12m, progress.Unadjusted.AverageCaseload);
        Assert.Equal((24, 1.0m, 24m), (progress.Adjusted.Cases, progress.Adjusted.CaseHoldingFte, progress.Adjusted.AverageCaseload!.Value));
    }

    [Fact]
    public void Cases_of_leavers_unknown_workers_and_unregistered_staff_stay_out_of_the_measure()
    {
        Worker("leaver", 1.0m, to: new DateOnly(2025, 9, 1));
        Worker("assistant", 1.0m, registered: false);
        Worker("worker", 1.0m);
        Cases("leaver", 5);
        Cases("assistant", 4);
        Cases("stranger", 3);
        Cases("worker", 10);

        var progress = At(Sept30);

        Assert.Equal((10, 1.0m), (progress.Unadjusted.Cases, progress.Unadjusted.CaseHoldingFte));
        Assert.Equal(3, progress.UnmatchedCases);
    }

    [Fact]
    public void Workers_above_each_threshold_and_the_distribution_are_pro_rata()
    {
        Worker("w10", 1.0m);
        Worker("w21", 1.0m);
        Worker("w26", 1.0m);
        Worker("w13-half", 0.5m);
        Cases("w10", 10);
        Cases("w21", 21);
        Cases("w26", 26);
        Cases("w13-half", 13);

        var progress = At(Sept30).Unadjusted;

        // Per FTE: 10, 21, 26, 26.
        Assert.Equal([(20m, 3), (25m, 2)], progress.AboveThresholds);
        Assert.Equal([0, 0, 1, 0, 1, 2, 0], progress.Distribution.Select(b => b.Workers));
        Assert.Equal(70m / 18m, progress.FteNeededForTarget);
    }

    private TargetProgress At(DateOnly day) => CaseloadFigures.At(_log.Timelines, _workers, day, Dfe);

    private void Worker(string staffId, decimal fte, DateOnly? asyeStart = null, DateOnly? to = null, bool registered = true) =>
        _workers[staffId] = new Worker
        {
            Authority = "841",
            StaffId = staffId,
            Version = 1,
            Periods = [new WorkerPeriod { From = new DateOnly(2020, 1, 1), To = to, Team = "north", FteMillionths = (long)(fte * 1_000_000), Registered = registered, CaseHolding = true, AsyeStart = asyeStart }],
        };

    private void Cases(string staffId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Open($"{staffId}-case-{i}", new DateOnly(2025, 1, 1), staffId);
        }
    }

    private void Open(string caseId, DateOnly day, string? staffId) => _log.Add(AllocationKind.Open, caseId, day, staffId);

    private void Allocate(string caseId, DateOnly day, string staffId) => _log.Add(AllocationKind.Allocate, caseId, day, staffId);

    private void Close(string caseId, DateOnly day) => _log.Add(AllocationKind.Close, caseId, day, null);
}
