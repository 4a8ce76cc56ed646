using System.Globalization;

namespace Workforce.SyntheticEngland;

/// <summary>
/// One council's published figures at 30 September of <see cref="Year"/> (DfE indicator file), FTEs in tenths as
/// printed; null where the DfE prints a symbol (suppressed, not applicable, …), never zero.
/// </summary>
public sealed record PublishedYear(int Year, int? InPost, int? Agency, int? Leavers, int? Vacancy, int? CaseHolders, int? Cases)
{
    public DateOnly AsOf => new(Year, 9, 30);
}

/// <summary>
/// A council as the indicator file names it. A joint return (two councils whose children's services are run together,
/// printed as "940 / 941") is one authority, "940-941", because an authority may hold no whitespace.
/// </summary>
public sealed record PublishedCouncil(string Authority, string Name, IReadOnlyList<PublishedYear> Years)
{
    public PublishedYear? In(int year) => Years.FirstOrDefault(y => y.Year == year);
}

/// <summary>Reads the council rows of csww_indicators_2017_to_2025.csv, and the England row for totals.</summary>
public static class PublishedIndicators
{
    public const string FileName = "csww_indicators_2017_to_2025.csv";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Published", FileName);

    private static readonly Lazy<(IReadOnlyList<PublishedCouncil> Councils, IReadOnlyList<PublishedYear> England)> Default =
        new(() => Read(File.ReadLines(DefaultPath)));

    /// <summary>Every council of the file, ordered by authority code.</summary>
    public static IReadOnlyList<PublishedCouncil> Councils => Default.Value.Councils;

    /// <summary>The national row of each year.</summary>
    public static IReadOnlyList<PublishedYear> England => Default.Value.England;

    public static (IReadOnlyList<PublishedCouncil> Councils, IReadOnlyList<PublishedYear> England) Read(IEnumerable<string> lines)
    {
        using var line = lines.GetEnumerator();
        if (!line.MoveNext())
        {
            throw new FormatException($"{FileName} is empty.");
        }

        var header = Fields(line.Current);
        int At(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"{FileName} has no column '{name}'.");
        var (level, year, code, name) = (At("geographic_level"), At("time_period"), At("old_la_code"), At("la_name"));
        int[] figures = [At("inpost_fte"), At("agency_fte"), At("leavers_fte"), At("vacancy_fte"), At("case_holders_fte"), At("cases")];

        var councils = new Dictionary<string, (string Name, List<PublishedYear> Years)>(StringComparer.Ordinal);
        var england = new List<PublishedYear>();
        while (line.MoveNext())
        {
            var row = Fields(line.Current);
            if (row.Count != header.Count)
            {
                continue;
            }

            int? Tenths(int column) => Number(row[figures[column]]) is { } n ? (int)Math.Round(n * 10) : null;
            var published = new PublishedYear(int.Parse(row[year], CultureInfo.InvariantCulture),
                Tenths(0), Tenths(1), Tenths(2), Tenths(3), Tenths(4), Number(row[figures[5]]) is { } cases ? (int)cases : null);
            if (row[level] == "National")
            {
                england.Add(published);
            }
            else if (row[level] == "Local authority")
            {
                var authority = row[code].Replace(" / ", "-", StringComparison.Ordinal);
                if (!councils.TryGetValue(authority, out var council))
                {
                    councils[authority] = council = (row[name], []);
                }

                council.Years.Add(published);
            }
        }

        return ([.. councils.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new PublishedCouncil(c.Key, c.Value.Name, [.. c.Value.Years.OrderBy(y => y.Year)]))],
            [.. england.OrderBy(y => y.Year)]);
    }

    /// <summary>A number, or null for the DfE's symbols (z, x, c, low, u) and blanks.</summary>
    private static decimal? Number(string field) =>
        decimal.TryParse(field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>One CSV line's fields; names such as "Bristol, City of" are quoted (the file has no line breaks inside quotes).</summary>
    private static List<string> Fields(string csvLine)
    {
        var fields = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= csvLine.Length; i++)
        {
            if (i < csvLine.Length && csvLine[i] == '"')
            {
                quoted = !quoted;
            }
            else if (i == csvLine.Length || (csvLine[i] == ',' && !quoted))
            {
                fields.Add(csvLine[start..i].Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal));
                start = i + 1;
            }
        }

        return fields;
    }
}
