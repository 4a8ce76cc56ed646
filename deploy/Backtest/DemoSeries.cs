using Workforce.DemoCouncil;

namespace Workforce.Backtest;

/// <summary>Demo councils' demand as the caseload service would see it: open cases at each month end.</summary>
public static class DemoSeries
{
    /// <summary>The default demo council first, then others from further seeds: each seed is a different council.</summary>
    public static IEnumerable<DemoCouncilOptions> Councils(int count) =>
        Enumerable.Range(0, count).Select(i => new DemoCouncilOptions { Seed = new DemoCouncilOptions().Seed + i });

    /// <summary>Cases open (allocated or waiting) at each month end from the first full month of the history to its end.</summary>
    public static IReadOnlyList<double> MonthEndOpenCases(Council council)
    {
        var monthEnds = new List<DateOnly>();
        for (var month = council.Options.Start; month <= council.Options.End; month = month.AddMonths(1))
        {
            monthEnds.Add(new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month)));
        }

        return monthEnds.Where(d => d <= council.Options.End).Select(d => (double)council.Cases.Count(c => c.IsOpenOn(d))).ToList();
    }
}
