using Workforce.Contracts;

namespace Caseload.Api.Domain.Forecasting;

/// <summary>A month of history: open cases held in scope at the month end, and the authority's flows in the month.</summary>
public sealed record HistoryMonth(DateOnly MonthEnd, int OpenCases, int Opened, int Closed, decimal CaseHoldingFte, decimal? AverageCaseload);

/// <summary>Month-end history from the allocation log: the series a forecast learns demand from.</summary>
public static class CaseloadHistory
{
    /// <summary>Ten years is more than any method here needs, and bounds the work per answer.</summary>
    public const int MaxMonths = 120;

    public static DateOnly MonthEnd(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>The last month end on or before <paramref name="day"/>.</summary>
    public static DateOnly MonthEndOnOrBefore(DateOnly day) => day == MonthEnd(day) ? day : new DateOnly(day.Year, day.Month, 1).AddDays(-1);

    /// <summary>
    /// Month ends from the first month with an open case (at most <see cref="MaxMonths"/>) to <paramref name="origin"/>.
    /// Months before the retention horizon come from <paramref name="frozen"/>: the cases they counted may be purged.
    /// </summary>
    public static IReadOnlyList<HistoryMonth> Build(
        IReadOnlyList<CaseTimeline> cases, IReadOnlyDictionary<string, Worker> workers, DateOnly origin, string? team, FrozenHistory? frozen = null, CaseHoldings? holdings = null)
    {
        holdings ??= CaseHoldings.Of(cases);
        var firsts = cases.Where(c => c.Periods.Count > 0).Select(c => MonthEnd(c.Periods[0].From))
            .Concat(frozen?.Months.Keys ?? [])
            .ToList();
        if (firsts.Count == 0 || firsts.Min() > origin)
        {
            return [];
        }

        var first = firsts.Min();
        var earliest = MonthEnd(origin.AddMonths(-(MaxMonths - 1)));
        var history = new List<HistoryMonth>();
        for (var monthEnd = first > earliest ? first : earliest; monthEnd <= origin; monthEnd = MonthEnd(monthEnd.AddDays(1)))
        {
            history.Add(frozen is not null && monthEnd < frozen.Horizon ? frozen.Month(monthEnd) : Month(cases, holdings, workers, monthEnd, team));
        }

        return history;
    }

    /// <summary>The first month end with an open case, or null when there is none.</summary>
    public static DateOnly? FirstMonth(IReadOnlyList<CaseTimeline> cases) =>
        cases.Where(c => c.Periods.Count > 0).Select(c => (DateOnly?)MonthEnd(c.Periods[0].From)).Min();

    /// <summary>One month of history: open cases held in scope and case-holding FTE at its end, the authority's cases opened and closed in it.</summary>
    public static HistoryMonth Month(IReadOnlyList<CaseTimeline> cases, CaseHoldings holdings, IReadOnlyDictionary<string, Worker> workers, DateOnly monthEnd, string? team)
    {
        // Open cases and FTE do not depend on the target, so any target serves here.
        var options = new CaseloadOptions(CouncilSettings.Default.CaseloadTarget, [], 1m, false, team);
        var monthStart = new DateOnly(monthEnd.Year, monthEnd.Month, 1);
        var progress = CaseloadFigures.At(holdings, workers, monthEnd, options).Unadjusted;
        return new HistoryMonth(
            monthEnd,
            progress.Cases,
            cases.Count(c => c.Periods.Count > 0 && c.Periods[0].From >= monthStart && c.Periods[0].From <= monthEnd),
            cases.Count(c => c.Periods.Count > 0 && c.Periods[^1].To is { } closed && closed >= monthStart && closed <= monthEnd),
            progress.CaseHoldingFte,
            progress.AverageCaseload);
    }
}

/// <summary>History months frozen by a retention purge, for the months before its horizon.</summary>
public sealed record FrozenHistory(DateOnly Horizon, IReadOnlyDictionary<DateOnly, HistoryMonth> Months, Func<DateOnly, HistoryMonth> Missing)
{
    public HistoryMonth Month(DateOnly monthEnd) => Months.TryGetValue(monthEnd, out var month) ? month : Missing(monthEnd);
}
