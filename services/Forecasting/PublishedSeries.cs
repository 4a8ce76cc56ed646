using System.Globalization;
using System.Text;

namespace Workforce.Forecasting;

/// <summary>One council's published annual figures, oldest first, one per year from <see cref="FirstYear"/>.</summary>
public sealed record AnnualSeries(string Code, string Name, int FirstYear, IReadOnlyList<double> Values);

/// <summary>A council left out of a back-test, and why (a suppressed or missing year).</summary>
public sealed record ExcludedCouncil(string Code, string Name, string Reason);

public sealed record PublishedSeriesSet(IReadOnlyList<AnnualSeries> Complete, IReadOnlyList<ExcludedCouncil> Excluded);

/// <summary>
/// Reads per-council annual series from the Department for Education's open data files (Open Government Licence v3.0),
/// e.g. b1 children in need (<c>At31_episodes</c>, open at 31 March) or c1 referrals (<c>referral_count</c>).
/// </summary>
public static class PublishedSeries
{
    public const string ChildrenInNeedFile = "b1_children_in_need_2013_to_2025.csv";
    public const string ChildrenInNeedColumn = "At31_episodes";
    public const string ReferralsFile = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv";
    public const string ReferralsColumn = "referral_count";

    /// <summary>
    /// Councils (geographic level "Local authority", by three-digit code) with a number for <paramref name="column"/> in
    /// every year from <paramref name="firstYear"/> to <paramref name="lastYear"/>. A suppressed or unavailable figure
    /// (x, c, z, low, u, …) is not a zero: its council is excluded, as are councils created after the first year.
    /// </summary>
    public static PublishedSeriesSet Read(TextReader csv, string column, int firstYear, int lastYear)
    {
        var header = SplitLine(csv.ReadLine() ?? throw new InvalidDataException("the file is empty"));
        int Index(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException($"no column {name}");
        var (year, level, code, name, value) = (Index("time_period"), Index("geographic_level"), Index("old_la_code"), Index("la_name"), Index(column));

        var byCouncil = new Dictionary<string, (string Name, Dictionary<int, string> Figures)>();
        while (csv.ReadLine() is { } line)
        {
            var fields = SplitLine(line);
            if (fields[level] != "Local authority")
            {
                continue;
            }

            if (!byCouncil.TryGetValue(fields[code], out var council))
            {
                council = (fields[name], new Dictionary<int, string>());
                byCouncil.Add(fields[code], council);
            }

            council.Figures[int.Parse(fields[year], CultureInfo.InvariantCulture)] = fields[value];
        }

        var complete = new List<AnnualSeries>();
        var excluded = new List<ExcludedCouncil>();
        foreach (var (councilCode, (councilName, figures)) in byCouncil.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var values = new List<double>();
            var problems = new List<string>();
            for (var y = firstYear; y <= lastYear; y++)
            {
                if (!figures.TryGetValue(y, out var text))
                {
                    problems.Add($"{y}: none");
                }
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    values.Add(number);
                }
                else
                {
                    problems.Add($"{y}: {text}");
                }
            }

            if (problems.Count == 0)
            {
                complete.Add(new AnnualSeries(councilCode, councilName, firstYear, values));
            }
            else
            {
                excluded.Add(new ExcludedCouncil(councilCode, councilName, string.Join(", ", problems)));
            }
        }

        return new PublishedSeriesSet(complete, excluded);
    }

    /// <summary>One CSV record (RFC 4180): names such as "Herefordshire, County of" are quoted.</summary>
    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

/// <summary>
/// The published-data back-test: each council's series fitted to the years up to <c>lastTrainingYear</c> and
/// forecast for the years after it, one origin, so every forecast is of years the model never saw.
/// </summary>
public static class PublishedBacktest
{
    public static IReadOnlyList<ForecastOutcome> Run(IEnumerable<AnnualSeries> councils, int lastTrainingYear, IReadOnlyList<ForecastMethod> methods) =>
        councils.SelectMany(council =>
        {
            var origin = lastTrainingYear - council.FirstYear + 1;
            var horizons = Enumerable.Range(1, council.Values.Count - origin).ToList();
            return RollingOrigin.Evaluate($"{council.Code} {council.Name}", council.Values, 1, [origin], horizons, methods);
        }).ToList();
}
