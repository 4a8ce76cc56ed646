using System.CommandLine;
using System.Globalization;
using GoogleDate = Google.Type.Date;

namespace Workforce.Cli.Commands;

/// <summary>Options several commands share.</summary>
public static class Options
{
    public static Option<string> Authority() => new("--authority") { Description = "DfE LA code of the council, e.g. 841", Required = true };

    public static Option<string> Team() => new("--team") { Description = "One team only", DefaultValueFactory = _ => "" };

    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description + " (yyyy-MM-dd)",
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            r.AddError($"{name} must be a date in the form yyyy-MM-dd, not '{text}'");
            return null;
        },
    };

    public static GoogleDate? ToProto(DateOnly? date) => date is { } d ? new GoogleDate { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    public static string Show(GoogleDate? date) => date is null ? "-" : $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
