using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Workforce.Forecasting;

namespace Caseload.Api.Domain.Forecasting;

public sealed record Interval(double Point, double Lower80, double Upper80, double Lower95, double Upper95)
{
    public static Interval From(ForecastPoint point, double scale) => new(
        Math.Max(0, point.Mean * scale),
        Math.Max(0, point.Lower80 * scale),
        Math.Max(0, point.Upper80 * scale),
        Math.Max(0, point.Lower95 * scale),
        Math.Max(0, point.Upper95 * scale));

    public Interval Divide(double by) => new(Point / by, Lower80 / by, Upper80 / by, Lower95 / by, Upper95 / by);

    /// <summary>The mean of simulated values with their central 80% and 95% ranges.</summary>
    public static Interval FromSamples(double[] samples)
    {
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        return new Interval(
            sorted.Average(),
            SortedArrayStatistics.Quantile(sorted, 0.10),
            SortedArrayStatistics.Quantile(sorted, 0.90),
            SortedArrayStatistics.Quantile(sorted, 0.025),
            SortedArrayStatistics.Quantile(sorted, 0.975));
    }
}

public sealed record ForecastMonth(
    DateOnly MonthEnd,
    Interval OpenCases,
    Interval CaseHoldingFte,
    Interval AverageCaseload,
    Interval ShareAtOrUnderTargetPercent,
    Interval FteNeededForTarget,
    double ProbabilityTargetMet);

public sealed record CaseloadForecast(
    decimal Target,
    IReadOnlyList<ForecastMonth> Months,
    DateOnly? TargetFirstMet,
    double ProbabilityMetByHorizon,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> ScenarioApplied);

/// <summary>
/// Caseloads ahead: demand sample paths from the fitted model meet simulated staffing (known changes, leaving at the
/// trailing rate by contract, recruitment at the trailing rate), and each month's open cases are shared among the
/// simulated case holders in proportion to capacity × their own load factor, so the share at target reflects how
/// unevenly cases really fall rather than a relabelled average.
/// </summary>
public static class CaseloadForecaster
{
    public static CaseloadForecast Run(
        IFittedModel demand,
        StaffingOutlook staffing,
        IReadOnlyList<DateOnly> monthEnds,
        decimal councilTarget,
        ForecastScenario scenario,
        int samplePaths,
        ulong seed)
    {
        var horizon = monthEnds.Count;
        var target = (double)(scenario.Target ?? councilTarget);
        var growth = Enumerable.Range(1, horizon).Select(scenario.DemandFactor).ToArray();
        var notes = new List<string>();
        var known = ApplyRemovals(staffing.Known, scenario, monthEnds, notes);
        var additions = Additions(scenario, monthEnds);
        var convertFrom = scenario.ConvertAgencyFrom is { } convert ? MonthIndex(monthEnds, convert) : int.MaxValue;

        var demandPaths = demand.SimulatePaths(horizon, samplePaths, new Random(SeedFor(seed, 0)));
        var random = new Random(SeedFor(seed, 1));
        var fte = NewSamples(horizon, samplePaths);
        var average = NewSamples(horizon, samplePaths);
        var share = NewSamples(horizon, samplePaths);
        var metInMonth = new int[horizon];
        var metByHorizon = 0;

        for (var path = 0; path < samplePaths; path++)
        {
            var alive = Enumerable.Repeat(true, known.Count).ToArray();
            var recruits = new List<Recruit>();
            var pathMet = false;
            for (var month = 0; month < horizon; month++)
            {
                var agencyNow = month < convertFrom;
                for (var w = 0; w < known.Count; w++)
                {
                    if (alive[w] && known[w].Fte[month] > 0 && random.NextDouble() < Leaving(staffing, known[w].Agency[month] && agencyNow))
                    {
                        alive[w] = false;
                    }
                }

                recruits.RemoveAll(r => random.NextDouble() < Leaving(staffing, r.Agency && agencyNow));
                recruits.AddRange(additions.Where(a => a.Month == month).Select(a => new Recruit(a.Fte, a.Agency, LoadFactor(staffing, random))));
                var starters = staffing.StartersPerMonth > 0 && staffing.Starters.Count > 0 ? Poisson.Sample(random, staffing.StartersPerMonth) : 0;
                for (var i = 0; i < starters; i++)
                {
                    var template = staffing.Starters[random.Next(staffing.Starters.Count)];
                    recruits.Add(new Recruit(template.Fte, template.Agency, LoadFactor(staffing, random)));
                }

                var cases = Math.Max(0, demandPaths[path][month] * growth[month]);
                var holders = new List<(double Fte, double Weight)>();
                for (var w = 0; w < known.Count; w++)
                {
                    if (alive[w] && known[w].Capacity[month] > 0)
                    {
                        holders.Add((known[w].Fte[month], known[w].Capacity[month] * (known[w].LoadFactor ?? 1)));
                    }
                }

                holders.AddRange(recruits.Select(r => (r.Fte, r.Fte * r.LoadFactor)));
                var (holdingFte, atTarget, holding) = Allocate(cases, holders, target, random);
                fte[month][path] = holdingFte;
                average[month][path] = holdingFte > 0 ? cases / holdingFte : 0;
                share[month][path] = holding > 0 ? 100.0 * atTarget / holding : 100;
                var met = holdingFte > 0 ? average[month][path] <= target : cases == 0;
                metInMonth[month] += met ? 1 : 0;
                pathMet |= met;
            }

            metByHorizon += pathMet ? 1 : 0;
        }

        var demandPoints = demand.Forecast(horizon);
        var months = Enumerable.Range(0, horizon).Select(month =>
        {
            var openCases = Interval.From(demandPoints[month], growth[month]);
            return new ForecastMonth(
                monthEnds[month],
                openCases,
                Interval.FromSamples(fte[month]),
                Interval.FromSamples(average[month]),
                Interval.FromSamples(share[month]),
                openCases.Divide(target),
                (double)metInMonth[month] / samplePaths);
        }).ToList();

        if (staffing.MonthsObserved < StaffingOutlook.TrailingMonths)
        {
            notes.Add(staffing.MonthsObserved == 0
                ? "No staffing history before the origin: no leaving or recruitment is assumed beyond changes already in the register."
                : string.Create(CultureInfo.InvariantCulture, $"Leaving and recruitment rates come from only {staffing.MonthsObserved} months of staffing history."));
        }

        notes.Add("Cases of workers on long-term absence are assumed to be reallocated; ASYE workers take a weighted share of new work.");
        var firstMet = months.FirstOrDefault(m => m.AverageCaseload.Point <= target && m.CaseHoldingFte.Point > 0);
        return new CaseloadForecast(
            (decimal)target,
            months,
            firstMet?.MonthEnd,
            (double)metByHorizon / samplePaths,
            notes,
            scenario.Describe(councilTarget));
    }

    /// <summary>
    /// Cases shared by weight, each worker's count drawn around their expected share (a multinomial, approximated).
    /// A worker expecting at least one case counts as holding cases even on a draw of none, so the average stays
    /// cases ÷ FTE of the workers sharing them.
    /// </summary>
    private static (double HoldingFte, int AtTarget, int Holding) Allocate(double cases, List<(double Fte, double Weight)> holders, double target, Random random)
    {
        var totalWeight = holders.Sum(h => h.Weight);
        if (totalWeight <= 0 || cases <= 0)
        {
            return (0, 0, 0);
        }

        double holdingFte = 0;
        int atTarget = 0, holding = 0;
        foreach (var (workerFte, weight) in holders)
        {
            var p = weight / totalWeight;
            var expected = cases * p;
            var held = Math.Max(0, Math.Round(expected + Math.Sqrt(expected * (1 - p)) * Normal.Sample(random, 0, 1)));
            if (held > 0 || expected >= 1)
            {
                holding++;
                holdingFte += workerFte;
                atTarget += held <= target * workerFte ? 1 : 0;
            }
        }

        return (holdingFte, atTarget, holding);
    }

    private static IReadOnlyList<KnownWorker> ApplyRemovals(IReadOnlyList<KnownWorker> known, ForecastScenario scenario, IReadOnlyList<DateOnly> monthEnds, List<string> notes)
    {
        var removals = scenario.FteChanges.Where(c => c.Fte < 0).ToList();
        if (removals.Count == 0)
        {
            return known;
        }

        var copies = known.Select(w => new KnownWorker
        {
            StaffId = w.StaffId,
            Fte = (double[])w.Fte.Clone(),
            Capacity = (double[])w.Capacity.Clone(),
            Agency = w.Agency,
            LoadFactor = w.LoadFactor,
        }).ToList();
        foreach (var removal in removals)
        {
            var from = MonthIndex(monthEnds, removal.From);
            var remaining = (double)-removal.Fte;
            // Deterministic: the highest staff ids go first, so the same scenario always removes the same people.
            foreach (var worker in copies.Where(w => from < monthEnds.Count && w.Fte[from] > 0 && w.Agency[from] == removal.Agency)
                         .OrderByDescending(w => w.StaffId, StringComparer.Ordinal))
            {
                if (remaining <= 0)
                {
                    break;
                }

                var keep = Math.Max(0, 1 - remaining / worker.Fte[from]);
                remaining -= worker.Fte[from] * (1 - keep);
                for (var month = from; month < monthEnds.Count; month++)
                {
                    worker.Fte[month] *= keep;
                    worker.Capacity[month] *= keep;
                }
            }

            if (remaining > 1e-9 && from < monthEnds.Count)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Only {-(double)removal.Fte - remaining:0.###} of the {-removal.Fte:0.###} FTE to remove from {removal.From:yyyy-MM-dd} were in post."));
            }
        }

        return copies;
    }

    /// <summary>Added FTE arrives as full-time workers plus one part-time remainder.</summary>
    private static List<(int Month, double Fte, bool Agency)> Additions(ForecastScenario scenario, IReadOnlyList<DateOnly> monthEnds)
    {
        var additions = new List<(int, double, bool)>();
        foreach (var change in scenario.FteChanges.Where(c => c.Fte > 0))
        {
            var month = MonthIndex(monthEnds, change.From);
            var remaining = (double)change.Fte;
            for (; remaining >= 1; remaining--)
            {
                additions.Add((month, 1.0, change.Agency));
            }

            if (remaining > 0)
            {
                additions.Add((month, remaining, change.Agency));
            }
        }

        return additions;
    }

    /// <summary>The first forecast month whose month end is on or after <paramref name="day"/>.</summary>
    private static int MonthIndex(IReadOnlyList<DateOnly> monthEnds, DateOnly day)
    {
        var index = 0;
        while (index < monthEnds.Count && monthEnds[index] < day)
        {
            index++;
        }

        return index;
    }

    private static double Leaving(StaffingOutlook staffing, bool agency) => agency ? staffing.AgencyMonthlyLeaving : staffing.EmployedMonthlyLeaving;

    private static double LoadFactor(StaffingOutlook staffing, Random random) =>
        staffing.LoadFactors.Count == 0 ? 1 : staffing.LoadFactors[random.Next(staffing.LoadFactors.Count)];

    private static double[][] NewSamples(int horizon, int paths) => Enumerable.Range(0, horizon).Select(_ => new double[paths]).ToArray();

    /// <summary>A fixed mix (not HashCode, which differs per process) so a seed gives the same answer anywhere.</summary>
    private static int SeedFor(ulong seed, int stream) => (int)((seed * 2_654_435_761UL + (ulong)stream * 40_503UL) % int.MaxValue);

    private sealed record Recruit(double Fte, bool Agency, double LoadFactor);
}
