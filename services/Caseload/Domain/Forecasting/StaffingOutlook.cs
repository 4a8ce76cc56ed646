namespace Caseload.Api.Domain.Forecasting;

/// <summary>A worker's known state at each forecast month end (index 0 is the first month after the origin).</summary>
public sealed class KnownWorker
{
    public required string StaffId { get; init; }

    /// <summary>FTE while a registered, case-holding social worker in scope; 0 otherwise.</summary>
    public required double[] Fte { get; init; }

    /// <summary>Share of the work the worker can take: FTE, weighted in the ASYE year, 0 on long-term absence.</summary>
    public required double[] Capacity { get; init; }

    public required bool[] Agency { get; init; }

    /// <summary>Cases per FTE relative to the average at the origin, for a worker holding cases then.</summary>
    public double? LoadFactor { get; init; }
}

/// <summary>A recent starter's shape, drawn for each simulated recruit.</summary>
public sealed record StarterTemplate(double Fte, bool Agency);

/// <summary>
/// Staffing as the register sees it over the horizon: every known worker with their future-dated changes (starters,
/// leavers, FTE changes, returns from long-term absence, ASYE years ending), plus the trailing twelve months' leaving
/// rates by contract and recruitment, which the simulation applies on top.
/// </summary>
public sealed record StaffingOutlook(
    IReadOnlyList<KnownWorker> Known,
    double EmployedMonthlyLeaving,
    double AgencyMonthlyLeaving,
    double StartersPerMonth,
    IReadOnlyList<StarterTemplate> Starters,
    IReadOnlyList<double> LoadFactors,
    int KnownChanges,
    int MonthsObserved)
{
    public const int TrailingMonths = 12;

    public static double AnnualPercent(double monthlyRate) => 100 * (1 - Math.Pow(1 - monthlyRate, 12));

    public static StaffingOutlook From(
        IReadOnlyList<CaseTimeline> cases,
        IReadOnlyDictionary<string, Worker> workers,
        DateOnly origin,
        IReadOnlyList<DateOnly> monthEnds,
        string? team,
        decimal asyeWeight,
        CaseHoldings? holdings = null)
    {
        var loads = CaseloadFigures.At(holdings ?? CaseHoldings.Of(cases), workers, origin, new CaseloadOptions(1m, [], 1m, false, team)).Workers
            .Where(w => w.Cases > 0)
            .ToList();
        var average = loads.Count == 0 ? 0 : (double)(loads.Sum(l => l.Cases) / loads.Sum(l => l.Fte));
        var loadFactors = loads.ToDictionary(l => l.StaffId, l => (double)l.CasesPerFte / average, StringComparer.Ordinal);

        var known = new List<KnownWorker>();
        var knownChanges = 0;
        foreach (var worker in workers.Values.OrderBy(w => w.StaffId, StringComparer.Ordinal))
        {
            var atOrigin = InScope(worker, origin, team);
            if (atOrigin is null && monthEnds.All(day => InScope(worker, day, team) is null))
            {
                continue;
            }

            var fte = new double[monthEnds.Count];
            var capacity = new double[monthEnds.Count];
            var agency = new bool[monthEnds.Count];
            var previous = State(worker, origin, team, asyeWeight);
            for (var month = 0; month < monthEnds.Count; month++)
            {
                var state = State(worker, monthEnds[month], team, asyeWeight);
                (fte[month], capacity[month], agency[month]) = state;
                knownChanges += state == previous ? 0 : 1;
                previous = state;
            }

            known.Add(new KnownWorker
            {
                StaffId = worker.StaffId,
                Fte = fte,
                Capacity = capacity,
                Agency = agency,
                LoadFactor = loadFactors.TryGetValue(worker.StaffId, out var factor) ? factor : null,
            });
        }

        var (employedLeaving, agencyLeaving, starters, monthsObserved) = TrailingFlows(workers.Values, origin, team);
        return new StaffingOutlook(
            known,
            employedLeaving,
            agencyLeaving,
            monthsObserved == 0 ? 0 : (double)starters.Count / monthsObserved,
            starters,
            loadFactors.Values.Order().ToList(),
            knownChanges,
            monthsObserved);
    }

    private static WorkerPeriod? InScope(Worker worker, DateOnly day, string? team) =>
        worker.PeriodOn(day) is { Registered: true, CaseHolding: true } period && (team is null || period.Team == team) ? period : null;

    private static (double Fte, double Capacity, bool Agency) State(Worker worker, DateOnly day, string? team, decimal asyeWeight)
    {
        if (InScope(worker, day, team) is not { } period)
        {
            return (0, 0, false);
        }

        var fte = period.FteMillionths / 1_000_000.0;
        var capacity = worker.OnLongTermAbsenceOn(day) ? 0 : fte * (period.IsAsyeOn(day) ? (double)asyeWeight : 1);
        return (fte, capacity, period.Agency);
    }

    /// <summary>Month-on-month leavers by contract (as a share of those in post a month before) and starters.</summary>
    private static (double Employed, double Agency, List<StarterTemplate> Starters, int MonthsObserved) TrailingFlows(
        IEnumerable<Worker> workers, DateOnly origin, string? team)
    {
        int employedExposure = 0, employedLeavers = 0, agencyExposure = 0, agencyLeavers = 0, monthsObserved = 0;
        var starters = new List<StarterTemplate>();
        var all = workers.ToList();
        for (var back = TrailingMonths; back >= 1; back--)
        {
            var before = CaseloadHistory.MonthEnd(origin.AddMonths(-back));
            var after = CaseloadHistory.MonthEnd(origin.AddMonths(1 - back));
            var observed = false;
            var joined = new List<StarterTemplate>();
            foreach (var worker in all)
            {
                var then = InScope(worker, before, team);
                var now = InScope(worker, after, team);
                if (then is not null)
                {
                    observed = true;
                    var left = now is null ? 1 : 0;
                    if (then.Agency)
                    {
                        agencyExposure++;
                        agencyLeavers += left;
                    }
                    else
                    {
                        employedExposure++;
                        employedLeavers += left;
                    }
                }
                else if (now is not null)
                {
                    joined.Add(new StarterTemplate(now.FteMillionths / 1_000_000.0, now.Agency));
                }
            }

            // A month with nobody in post before it is the register starting, not recruitment.
            if (observed)
            {
                monthsObserved++;
                starters.AddRange(joined);
            }
        }

        return (
            employedExposure == 0 ? 0 : (double)employedLeavers / employedExposure,
            agencyExposure == 0 ? 0 : (double)agencyLeavers / agencyExposure,
            starters,
            monthsObserved);
    }
}
