namespace Caseload.Api.Domain;

/// <summary>What a target-progress answer covers and how it adjusts (domain.md §3).</summary>
public sealed record CaseloadOptions(
    decimal Target,
    IReadOnlyList<decimal> Thresholds,
    decimal AsyeWeight,
    bool ExcludeLongTermAbsence,
    string? Team = null,
    CaseCategory? Category = null);

/// <summary>One case-holding worker on the day: cases in scope, FTE, and the FTE adjusted figures use (null: left out of them).</summary>
public sealed record WorkerLoad(string StaffId, string Team, int Cases, decimal Fte, decimal? AdjustedFte)
{
    public decimal CasesPerFte => Cases / Fte;
}

public sealed record HistogramBucket(decimal From, decimal? To, int Workers);

public sealed record Progress(
    int Cases,
    decimal CaseHoldingFte,
    int CaseHoldingWorkers,
    int AtOrUnderTarget,
    IReadOnlyList<(decimal Threshold, int Workers)> AboveThresholds,
    decimal FteNeededForTarget,
    IReadOnlyList<HistogramBucket> Distribution)
{
    /// <summary>Cases ÷ case-holding FTE (the DfE average caseload when unadjusted); null when nobody holds a case.</summary>
    public decimal? AverageCaseload => CaseHoldingFte == 0 ? null : Cases / CaseHoldingFte;

    public decimal? ShareAtOrUnderTargetPercent => CaseHoldingWorkers == 0 ? null : 100m * AtOrUnderTarget / CaseHoldingWorkers;

    /// <summary>FTE still needed to hold every case at the target (negative: spare capacity).</summary>
    public decimal FteGap => FteNeededForTarget - CaseHoldingFte;
}

public sealed record TargetProgress(Progress Unadjusted, Progress Adjusted, int UnmatchedCases, IReadOnlyList<WorkerLoad> Workers);

/// <summary>
/// Average caseload (DfE): cases held by registered social workers (agency included) ÷ FTE of those holding at
/// least one case, any role. Progress for every worker is pro rata: a worker is at target when cases ≤ target × FTE.
/// Adjusted figures weight an ASYE worker's FTE (in the average and in their own target) and may leave workers on
/// long-term absence out of the FTE while their cases stay counted.
/// </summary>
public static class CaseloadFigures
{
    private const decimal BucketWidth = 5m;
    private const int Buckets = 7;

    public static TargetProgress At(IEnumerable<CaseTimeline> cases, IReadOnlyDictionary<string, Worker> workers, DateOnly day, CaseloadOptions options) =>
        At(CaseHoldings.Of(cases), workers, day, options);

    public static TargetProgress At(CaseHoldings holdings, IReadOnlyDictionary<string, Worker> workers, DateOnly day, CaseloadOptions options)
    {
        var loads = new List<WorkerLoad>();
        var unmatched = 0;
        foreach (var (staffId, cases) in holdings.On(day, options.Category))
        {
            if (!workers.TryGetValue(staffId, out var worker))
            {
                unmatched += cases;
                continue;
            }

            // A worker not in post (a leaver) or not a registered social worker is outside the measure.
            if (worker.PeriodOn(day) is not { Registered: true } period || (options.Team is not null && period.Team != options.Team))
            {
                continue;
            }

            var fte = period.FteMillionths / 1_000_000m;
            decimal? adjusted = options.ExcludeLongTermAbsence && worker.OnLongTermAbsenceOn(day)
                ? null
                : fte * (period.IsAsyeOn(day) ? options.AsyeWeight : 1m);
            loads.Add(new WorkerLoad(worker.StaffId, period.Team, cases, fte, adjusted));
        }

        loads.Sort((a, b) => string.CompareOrdinal(a.StaffId, b.StaffId));
        return new TargetProgress(
            Measure(loads.Select(l => (l.Cases, (decimal?)l.Fte)), loads.Sum(l => l.Cases), options),
            Measure(loads.Select(l => (l.Cases, l.AdjustedFte)), loads.Sum(l => l.Cases), options),
            unmatched,
            loads);
    }

    /// <summary>Whether a worker's cases are within their pro-rata target.</summary>
    public static bool AtOrUnderTarget(int cases, decimal fte, decimal target) => cases <= target * fte;

    private static Progress Measure(IEnumerable<(int Cases, decimal? Fte)> workers, int allCases, CaseloadOptions options)
    {
        var counted = workers.Where(w => w.Fte is > 0).Select(w => (w.Cases, Fte: w.Fte!.Value)).ToList();
        var fte = counted.Sum(w => w.Fte);
        return new Progress(
            allCases,
            fte,
            counted.Count,
            counted.Count(w => AtOrUnderTarget(w.Cases, w.Fte, options.Target)),
            options.Thresholds.Select(t => (t, counted.Count(w => w.Cases > t * w.Fte))).ToList(),
            allCases / options.Target,
            Enumerable.Range(0, Buckets)
                .Select(i => new HistogramBucket(
                    i * BucketWidth,
                    i == Buckets - 1 ? null : (i + 1) * BucketWidth,
                    counted.Count(w => w.Cases / w.Fte >= i * BucketWidth && (i == Buckets - 1 || w.Cases / w.Fte < (i + 1) * BucketWidth))))
                .ToList());
    }
}
