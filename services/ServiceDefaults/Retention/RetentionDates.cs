namespace Workforce.ServiceDefaults.Retention;

/// <summary>
/// The dated rules of retention, the same in every service: what "older than N years" means on a day, from which
/// date figures are reproducible from the rows that remain, and which month ends must be frozen first.
/// </summary>
public static class RetentionDates
{
    /// <summary>Rows of leavers and closed cases ended before this day expire: today (UTC) less the years kept.</summary>
    public static DateOnly Cutoff(DateOnly today, int years) => today.AddYears(-years);

    /// <summary>
    /// The first day whose figures purged rows cannot touch: a leaver's last day before the cutoff still counts in the
    /// turnover of the year to any date up to a year after it, so this is the first D whose year (D − 1 year, D] starts on
    /// or after the cutoff (a day later than cutoff + 1 year when that lands on 28 February from a 29 February).
    /// </summary>
    public static DateOnly Horizon(DateOnly cutoff)
    {
        var horizon = cutoff.AddYears(1);
        return horizon.AddYears(-1) < cutoff ? horizon.AddDays(1) : horizon;
    }

    /// <summary>
    /// The month ends to freeze before a purge: from the month of <paramref name="firstDay"/> (the earliest date the
    /// council's rows reach) to the last one before <paramref name="horizon"/>, less those on or before the last purge's
    /// horizon, which are frozen already. Every 30 September (the DfE reference date) is among them.
    /// </summary>
    public static IReadOnlyList<DateOnly> MonthEndsToFreeze(DateOnly firstDay, DateOnly horizon, DateOnly? frozenBefore)
    {
        var monthEnds = new List<DateOnly>();
        for (var monthEnd = MonthEnd(firstDay); monthEnd < horizon; monthEnd = MonthEnd(monthEnd.AddDays(1)))
        {
            if (frozenBefore is null || monthEnd >= frozenBefore)
            {
                monthEnds.Add(monthEnd);
            }
        }

        return monthEnds;
    }

    public static DateOnly MonthEnd(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>True when an interval ending (exclusively) on <paramref name="end"/> ended before the cutoff: its last day is before it.</summary>
    public static bool EndedBefore(DateOnly? end, DateOnly cutoff) => end is { } to && to <= cutoff;
}
