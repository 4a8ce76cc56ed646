using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Domain;

public sealed class CaseListsTests
{
    private static readonly DateOnly Day = new(2025, 9, 30);

    private readonly AllocationLog _log = new();

    [Fact]
    public void Unallocated_cases_wait_from_when_they_last_lost_a_worker_and_the_allocated_share_counts_open_cases()
    {
        _log.Add(AllocationKind.Open, "new", new DateOnly(2025, 9, 1), null, CaseCategory.ChildInNeed);
        _log.Add(AllocationKind.Open, "orphaned", new DateOnly(2025, 1, 1), "w1");
        _log.Add(AllocationKind.Allocate, "orphaned", new DateOnly(2025, 8, 1), null);
        _log.Add(AllocationKind.Open, "held", new DateOnly(2025, 1, 1), "w1");
        _log.Add(AllocationKind.Open, "closed", new DateOnly(2025, 1, 1), null);
        _log.Add(AllocationKind.Close, "closed", new DateOnly(2025, 2, 1), null);

        var unallocated = CaseLists.Unallocated(_log.Timelines, Day, category: null);

        Assert.Equal([("orphaned", new DateOnly(2025, 8, 1)), ("new", new DateOnly(2025, 9, 1))], unallocated.Cases.Select(c => (c.CaseId, c.WaitingSince)));
        Assert.Equal(3, unallocated.OpenCases);
        Assert.Equal(100m / 3, unallocated.AllocatedPercent);
    }

    [Fact]
    public void Cases_need_reallocation_when_their_worker_left_is_long_term_absent_or_not_case_holding()
    {
        var workers = new Dictionary<string, Worker>
        {
            ["leaver"] = Worker("leaver", new WorkerPeriod { From = new DateOnly(2020, 1, 1), To = new DateOnly(2025, 7, 1), Team = "north", FteMillionths = 1_000_000, Registered = true, CaseHolding = true }),
            ["absent"] = Worker("absent", new WorkerPeriod { From = new DateOnly(2020, 1, 1), Team = "north", FteMillionths = 1_000_000, Registered = true, CaseHolding = true }),
            ["manager"] = Worker("manager", new WorkerPeriod { From = new DateOnly(2025, 3, 1), Team = "north", FteMillionths = 1_000_000, Registered = true, CaseHolding = false }),
            ["starter"] = Worker("starter", new WorkerPeriod { From = new DateOnly(2025, 11, 1), Team = "north", FteMillionths = 1_000_000, Registered = true, CaseHolding = true }),
            ["fine"] = Worker("fine", new WorkerPeriod { From = new DateOnly(2020, 1, 1), Team = "north", FteMillionths = 1_000_000, Registered = true, CaseHolding = true }),
        };
        workers["absent"].Absences.Add(new WorkerAbsence { FirstDay = new DateOnly(2025, 8, 1), LongTermFrom = new DateOnly(2025, 8, 28) });
        foreach (var staffId in workers.Keys)
        {
            _log.Add(AllocationKind.Open, $"case-{staffId}", new DateOnly(2025, 1, 1), staffId);
        }

        var cases = CaseLists.NeedingReallocation(_log.Timelines, workers, Day, team: null, category: null);

        // The starter's post begins in November: not a leaver, so not listed (nor is a worker who is fine).
        Assert.Equal(
            [
                ("case-manager", ReallocationReason.NotCaseHolding, new DateOnly(2025, 3, 1)),
                ("case-leaver", ReallocationReason.Left, new DateOnly(2025, 7, 1)),
                ("case-absent", ReallocationReason.LongTermAbsence, new DateOnly(2025, 8, 28)),
            ],
            cases.Select(c => (c.CaseId, c.Reason, c.Since)));
    }

    [Fact]
    public void Workers_per_child_count_distinct_workers_allocated_in_the_window()
    {
        _log.Add(AllocationKind.Open, "three", new DateOnly(2024, 6, 1), "w1", CaseCategory.LookedAfter);
        _log.Add(AllocationKind.Allocate, "three", new DateOnly(2024, 12, 1), "w2");
        _log.Add(AllocationKind.Allocate, "three", new DateOnly(2025, 2, 1), "w3");
        _log.Add(AllocationKind.Allocate, "three", new DateOnly(2025, 5, 1), "w1");
        _log.Add(AllocationKind.Open, "before", new DateOnly(2023, 1, 1), "w1", CaseCategory.LookedAfter);
        _log.Add(AllocationKind.Allocate, "before", new DateOnly(2024, 3, 1), "w2");
        _log.Add(AllocationKind.Open, "one", new DateOnly(2025, 1, 1), "w4", CaseCategory.ChildInNeed);
        _log.Add(AllocationKind.Open, "never-allocated", new DateOnly(2025, 1, 1), null, CaseCategory.ChildInNeed);

        var figures = CaseLists.WorkerChanges(_log.Timelines, new DateOnly(2024, 10, 1), Day, category: null);

        // In the year from 1 Oct 2024: "three" had w1, w2, w3 (w1 twice counts once); "before" only w2; "one" w4.
        var all = figures[0];
        Assert.Equal((3, 1), (all.Cases, all.ThreeOrMore));
        Assert.Equal([(1, 2), (2, 0), (3, 1)], all.Distribution);
        var lookedAfter = figures.Single(f => f.Category == CaseCategory.LookedAfter);
        Assert.Equal((2, 1, 50m), (lookedAfter.Cases, lookedAfter.ThreeOrMore, lookedAfter.ThreeOrMorePercent));
    }

    private static Worker Worker(string staffId, WorkerPeriod period) => new() { Authority = "841", StaffId = staffId, Version = 1, Periods = [period] };
}
