namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Monthly series run over month ends: the last day of each month from the month of <c>from</c> to the month of <c>to</c>.</summary>
public static class MonthEnds
{
    public const int MaxMonths = 120;

    /// <summary>Validates <c>from</c> and <c>to</c> (reporting violations by those names) and returns the month ends.</summary>
    public static IReadOnlyList<DateOnly> Parse(Google.Type.Date? from, Google.Type.Date? to, FieldViolations violations)
    {
        DateOnly first = default, last = default;
        if (from is null || !Dates.TryToQueryDate(from, out first))
        {
            violations.Add("from", "a valid date from 1900 to 2199 is required");
            return [];
        }

        if (to is null || !Dates.TryToQueryDate(to, out last))
        {
            violations.Add("to", "a valid date from 1900 to 2199 is required");
            return [];
        }

        var months = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        if (months < 1)
        {
            violations.Add("to", "must not be before from");
            return [];
        }

        if (months > MaxMonths)
        {
            violations.Add("to", $"a series covers at most {MaxMonths} months");
            return [];
        }

        return Enumerable.Range(0, months).Select(i => Of(first.AddMonths(i))).ToList();
    }

    public static DateOnly Of(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
