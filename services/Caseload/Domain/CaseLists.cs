namespace Caseload.Api.Domain;

public enum ReallocationReason
{
    Left = 1,
    LongTermAbsence = 2,
    NotCaseHolding = 3,
}

public sealed record UnallocatedCase(string CaseId, CaseCategory Category, DateOnly WaitingSince);

public sealed record UnallocatedCases(int OpenCases, IReadOnlyList<UnallocatedCase> Cases)
{
    public decimal? AllocatedPercent => OpenCases == 0 ? null : 100m * (OpenCases - Cases.Count) / OpenCases;
}

public sealed record CaseNeedingReallocation(string CaseId, string StaffId, ReallocationReason Reason, DateOnly Since);

public sealed record WorkerChangeFigures(CaseCategory? Category, int Cases, IReadOnlyList<(int Workers, int Cases)> Distribution, int ThreeOrMore)
{
    public decimal? ThreeOrMorePercent => Cases == 0 ? null : 100m * ThreeOrMore / Cases;
}

/// <summary>The lists a team manager works from: cases without a worker, cases sitting with someone who cannot hold them, and how often children's workers change.</summary>
public static class CaseLists
{
    /// <summary>Open cases awaiting a named worker on <paramref name="day"/>, longest waiting first.</summary>
    public static UnallocatedCases Unallocated(IEnumerable<CaseTimeline> cases, DateOnly day, CaseCategory? category)
    {
        var open = cases.Select(c => (Case: c, Period: c.On(day)))
            .Where(c => c.Period is not null && (category is null || c.Period.Category == category))
            .ToList();
        var waiting = open.Where(c => c.Period!.StaffId is null)
            .Select(c => new UnallocatedCase(c.Case.CaseId, c.Period!.Category, WaitingSince(c.Case, day)))
            .OrderBy(c => c.WaitingSince)
            .ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .ToList();
        return new UnallocatedCases(open.Count, waiting);
    }

    /// <summary>
    /// Open cases on <paramref name="day"/> held by a known worker who has left (since the day after their last day),
    /// is on long-term absence (since it became long-term) or is not case-holding (since that assignment), longest first.
    /// </summary>
    public static IReadOnlyList<CaseNeedingReallocation> NeedingReallocation(
        IEnumerable<CaseTimeline> cases, IReadOnlyDictionary<string, Worker> workers, DateOnly day, string? team, CaseCategory? category)
    {
        var found = new List<CaseNeedingReallocation>();
        foreach (var timeline in cases)
        {
            if (timeline.On(day) is not { StaffId: { } staffId } period || (category is not null && period.Category != category)
                || !workers.TryGetValue(staffId, out var worker))
            {
                continue;
            }

            var reason = Reason(worker, day);
            var teamThen = worker.PeriodOn(day)?.Team ?? worker.Periods.LastOrDefault(p => p.From <= day)?.Team;
            if (reason is { } r && (team is null || teamThen == team))
            {
                found.Add(new CaseNeedingReallocation(timeline.CaseId, staffId, r.Reason, r.Since));
            }
        }

        return found.OrderBy(c => c.Since).ThenBy(c => c.CaseId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Distinct workers per case over [from, to], counting every case allocated to someone in the window.</summary>
    public static IReadOnlyList<WorkerChangeFigures> WorkerChanges(IEnumerable<CaseTimeline> cases, DateOnly from, DateOnly to, CaseCategory? category)
    {
        var counted = cases
            .Select(c =>
            {
                var inWindow = c.Periods.Where(p => p.From <= to && (p.To is null || p.To > from)).ToList();
                return (Category: inWindow.LastOrDefault()?.Category ?? CaseCategory.Unspecified,
                    Workers: inWindow.Select(p => p.StaffId).OfType<string>().Distinct(StringComparer.Ordinal).Count());
            })
            .Where(c => c.Workers > 0 && (category is null || c.Category == category))
            .ToList();
        var all = Figures(null, counted.Select(c => c.Workers).ToList());
        var byCategory = counted.GroupBy(c => c.Category).OrderBy(g => g.Key).Select(g => Figures(g.Key, g.Select(c => c.Workers).ToList()));
        return [all, .. byCategory];
    }

    private static WorkerChangeFigures Figures(CaseCategory? category, List<int> workersPerCase)
    {
        var distribution = Enumerable.Range(1, 3)
            .Select(n => (n, n < 3 ? workersPerCase.Count(w => w == n) : workersPerCase.Count(w => w >= n)))
            .ToList();
        return new WorkerChangeFigures(category, workersPerCase.Count, distribution, workersPerCase.Count(w => w >= 3));
    }

    private static (ReallocationReason Reason, DateOnly Since)? Reason(Worker worker, DateOnly day)
    {
        if (worker.PeriodOn(day) is not { } period)
        {
            // Not in post: a leaver only if an earlier period ended (a future starter is not a leaver).
            return worker.Periods.Where(p => p.To is { } end && end <= day).MaxBy(p => p.To) is { To: { } left }
                ? (ReallocationReason.Left, left)
                : null;
        }

        if (worker.LongTermAbsenceOn(day) is { LongTermFrom: { } since })
        {
            return (ReallocationReason.LongTermAbsence, since);
        }

        return period.CaseHolding ? null : (ReallocationReason.NotCaseHolding, period.From);
    }

    private static DateOnly WaitingSince(CaseTimeline timeline, DateOnly day)
    {
        // Walk back over adjoining unallocated periods to when the wait began.
        var since = timeline.On(day)!.From;
        foreach (var period in timeline.Periods.Where(p => p.To is not null && p.From < since).OrderByDescending(p => p.From))
        {
            if (period.To != since || period.StaffId is not null)
            {
                break;
            }

            since = period.From;
        }

        return since;
    }
}
