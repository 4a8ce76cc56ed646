namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Conversions between <c>google.type.Date</c> on the wire and <see cref="DateOnly"/> in the domain.</summary>
public static class Dates
{
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

    public static Google.Type.Date ToProto(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
