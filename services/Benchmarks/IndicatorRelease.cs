using System.Globalization;
using System.Text.RegularExpressions;

namespace Workforce.Benchmarks;

/// <summary>One row of an indicator file: England, a region or a council (a joint return is one row, e.g. "314 / 318").</summary>
internal sealed record IndicatorRow(int Year, string Code, string Name, string RegionCode, string RegionName, IReadOnlyDictionary<BenchmarkMeasure, string> Printed);

/// <summary>
/// One release of the DfE's "Children's social work workforce" indicator file: every reporting year it covers, as
/// that release printed them (figures are revised between releases).
/// </summary>
public sealed partial class IndicatorRelease
{
    private readonly Dictionary<(int Year, string Code), IndicatorRow> _councils;
    private readonly Dictionary<(int Year, string Code), IndicatorRow> _regions;
    private readonly Dictionary<int, IndicatorRow> _england;

    private IndicatorRelease(int year, string fileName, List<(string Level, IndicatorRow Row)> rows)
    {
        Year = year;
        FileName = fileName;
        _councils = rows.Where(r => r.Level == "Local authority").ToDictionary(r => (r.Row.Year, r.Row.Code), r => r.Row);
        _regions = rows.Where(r => r.Level == "Regional").ToDictionary(r => (r.Row.Year, r.Row.RegionCode), r => r.Row);
        _england = rows.Where(r => r.Level == "National").ToDictionary(r => r.Row.Year, r => r.Row);
        FirstYear = _england.Keys.Min();
        LastYear = _england.Keys.Max();
    }

    /// <summary>The release's year, which is also its latest reporting year (the file names give it).</summary>
    public int Year { get; }

    public string FileName { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    public string Title => $"Children's social work workforce, {Year} release (reporting years {FirstYear} to {LastYear})";

    internal IEnumerable<IndicatorRow> CouncilRows => _councils.Values;

    internal IndicatorRow? Council(int year, string code) => _councils.GetValueOrDefault((year, code));

    /// <summary>The joint return (e.g. "314 / 318") that a single council's code is part of in a year.</summary>
    internal IndicatorRow? JointReturn(int year, string code) =>
        _councils.Values.FirstOrDefault(r => r.Year == year && r.Code.Contains(" / ", StringComparison.Ordinal) && JointCodes(r.Code).Contains(code));

    internal IndicatorRow? Region(int year, string regionCode) => _regions.GetValueOrDefault((year, regionCode));

    internal IndicatorRow? England(int year) => _england.GetValueOrDefault(year);

    internal static string[] JointCodes(string code) => code.Split(" / ");

    /// <summary>Reads a release; its year is the last four-digit number of the file name.</summary>
    public static IndicatorRelease Read(string fileName, TextReader csv)
    {
        var year = YearInName().Matches(fileName) is { Count: > 0 } found
            ? int.Parse(found[^1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"{fileName}: no release year in the name.");
        using var records = Csv.Records(csv).GetEnumerator();
        var header = records.MoveNext() ? records.Current : throw new FormatException($"{fileName} is empty.");
        int At(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"{fileName} has no column '{name}'.");
        var (period, level, regionCode, regionName, code, name) =
            (At("time_period"), At("geographic_level"), At("region_code"), At("region_name"), At("old_la_code"), At("la_name"));
        var columns = Enum.GetValues<BenchmarkMeasure>().ToDictionary(m => m, m => At(m.Column()));

        var rows = new List<(string, IndicatorRow)>();
        while (records.MoveNext())
        {
            var row = records.Current;
            if (row.Count != header.Count)
            {
                throw new FormatException($"{fileName}: a record has {row.Count} fields, the header {header.Count}.");
            }

            var printed = columns.ToDictionary(c => c.Key, c => row[c.Value].Trim());
            rows.Add((row[level], row[level] switch
            {
                "National" => new IndicatorRow(int.Parse(row[period], CultureInfo.InvariantCulture), "E92000001", "England", "", "", printed),
                "Regional" => new IndicatorRow(int.Parse(row[period], CultureInfo.InvariantCulture), row[regionCode], row[regionName], row[regionCode], row[regionName], printed),
                _ => new IndicatorRow(int.Parse(row[period], CultureInfo.InvariantCulture), row[code], row[name], row[regionCode], row[regionName], printed),
            }));
        }

        return new IndicatorRelease(year, fileName, rows);
    }

    [GeneratedRegex("[0-9]{4}")]
    private static partial Regex YearInName();
}
