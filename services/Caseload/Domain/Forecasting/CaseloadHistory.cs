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

    /// <summary>Month ends from the first month with an open case (at most <see cref="MaxMonths"/>) to <paramref name="origin"/>.</summary>
    public static IReadOnlyList<HistoryMonth> Build(
        IReadOnlyList<CaseTimeline> cases, IReadOnlyDictionary<string, Worker> workers, DateOnly origin, string? team)
    {
        var starts = cases.Where(c => c.Periods.Count > 0).Select(c => c.Periods[0].From).ToList();
        if (starts.Count == 0 || starts.Min() > origin)
        {
            return [];
        }

        var first = MonthEnd(starts.Min());
        var earliest = MonthEnd(origin.AddMonths(-(MaxMonths - 1)));
        // Open cases and FTE do not depend on the target, so any target serves here.
        var options = new CaseloadOptions(CouncilSettings.Default.CaseloadTarget, [], 1m, false, team);
        var history = new List<HistoryMonth>();
        for (var monthEnd = first > earliest ? first : earliest; monthEnd <= origin; monthEnd = MonthEnd(monthEnd.AddDays(1)))
        {
            var monthStart = new DateOnly(monthEnd.Year, monthEnd.Month, 1);
            var progress = CaseloadFigures.At(cases, workers, monthEnd, options).Unadjusted;
            history.Add(new HistoryMonth(
                monthEnd,
                progress.Cases,
                cases.Count(c => c.Periods.Count > 0 && c.Periods[0].From >= monthStart && c.Periods[0].From <= monthEnd),
                cases.Count(c => c.Periods.Count > 0 && c.Periods[^1].To is { } closed && closed >= monthStart && closed <= monthEnd),
                progress.CaseHoldingFte,
                progress.AverageCaseload));
        }

        return history;
    }
}
