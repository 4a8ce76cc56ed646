using Google.Protobuf.WellKnownTypes;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Conversions between <c>google.type.Date</c> on the wire and <see cref="DateOnly"/> in the domain.</summary>
public static class Dates
{
    /// <summary>Queries look back years and forward a horizon from their dates, so those stay well inside the calendar.</summary>
    public static readonly DateOnly EarliestQueryDate = new(1900, 1, 1);

    public static readonly DateOnly LatestQueryDate = new(2199, 12, 31);

    public static bool TryToDateOnly(Google.Type.Date date, out DateOnly value)
    {
        value = default;
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return false;
        }

        value = new DateOnly(date.Year, date.Month, date.Day);
        return true;
    }

    /// <summary>A valid date a query may be asked for: from <see cref="EarliestQueryDate"/> to <see cref="LatestQueryDate"/>.</summary>
    public static bool TryToQueryDate(Google.Type.Date date, out DateOnly value) =>
        TryToDateOnly(date, out value) && value >= EarliestQueryDate && value <= LatestQueryDate;

    /// <summary>A query's optional <c>known_at</c>: a time from 1970 to the end of 9999, reported as a violation otherwise.</summary>
    public static DateTimeOffset? KnownAt(Timestamp? knownAt, FieldViolations violations, string field = "known_at")
    {
        if (knownAt is null)
        {
            return null;
        }

        if (knownAt.Seconds is < 0 or > MaxTimestampSeconds || knownAt.Nanos is < 0 or > 999_999_999)
        {
            violations.Add(field, "must be a valid time from 1970 to 9999");
            return null;
        }

        return knownAt.ToDateTimeOffset();
    }

    public static Google.Type.Date ToProto(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    // 9999-12-31T23:59:59Z, the last second a Timestamp (and DateTimeOffset) can hold.
    private const long MaxTimestampSeconds = 253_402_300_799;
}
