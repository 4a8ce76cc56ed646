using System.Globalization;

namespace Workforce.Benchmarks;

/// <summary>A request argument the published files cannot answer: the field and why.</summary>
public sealed record ArgumentProblem(string Field, string Message);

/// <summary>
/// The DfE's published workforce figures (every bundled release) and statistical neighbour groupings: a council's
/// figure for a measure and reporting year beside its region's, England's and its neighbours'.
/// </summary>
public sealed class PublishedBenchmarks
{
    public const string Licence =
        "Contains public sector information licensed under the Open Government Licence v3.0 (Department for Education, \"Children's social work workforce\").";

    private static readonly Lazy<PublishedBenchmarks> BundledFiles = new(() =>
    {
        var assembly = typeof(PublishedBenchmarks).Assembly;
        TextReader Open(string name) => new StreamReader(assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded."));
        var releases = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("csww_indicators_", StringComparison.Ordinal))
            .Select(n =>
            {
                using var csv = Open(n);
                return IndicatorRelease.Read(n, csv);
            })
            .ToList();
        using var neighbours = Open(NeighbourGroupings.FileName);
        return new PublishedBenchmarks(releases, NeighbourGroupings.Read(neighbours));
    });

    private readonly NeighbourGroupings _groupings;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _councils = new(StringComparer.Ordinal);

    private PublishedBenchmarks(IEnumerable<IndicatorRelease> releases, NeighbourGroupings groupings)
    {
        Releases = [.. releases.OrderBy(r => r.Year)];
        _groupings = groupings;
        foreach (var (code, name) in groupings.Councils)
        {
            _names[code] = name;
            _councils.Add(code);
        }

        // Later rows win: a council is named as its latest release prints it.
        foreach (var row in Releases.SelectMany(r => r.CouncilRows).OrderBy(r => r.Year))
        {
            _names[row.Code] = row.Name;
            _councils.Add(row.Code);
            _councils.UnionWith(IndicatorRelease.JointCodes(row.Code));
        }
    }

    /// <summary>The files bundled with the services (embedded in this assembly).</summary>
    public static PublishedBenchmarks Bundled => BundledFiles.Value;

    /// <summary>Every release, oldest first.</summary>
    public IReadOnlyList<IndicatorRelease> Releases { get; }

    public IndicatorRelease Latest => Releases[^1];

    public static string NeighbourGroupingsTitle => NeighbourGroupings.Title;

    /// <summary>
    /// What is wrong with a request, field by field: an authority no file knows (a three-digit DfE code, or a joint
    /// return's codes joined by '-', e.g. "314-318"), a release not bundled, a year outside the release. 0 means the
    /// latest release, and its latest year.
    /// </summary>
    public IReadOnlyList<ArgumentProblem> Check(string authority, int release, int year)
    {
        var problems = new List<ArgumentProblem>();
        if (!_councils.Contains(Key(authority)))
        {
            problems.Add(new("authority", "is not a council of the DfE's published files: a three-digit DfE code (e.g. 841), or a joint return's codes joined by '-' (e.g. 314-318)"));
        }

        if (release != 0 && Releases.All(r => r.Year != release))
        {
            problems.Add(new("release", $"must be 0 (the latest) or one of the bundled releases: {string.Join(", ", Releases.Select(r => r.Year))}"));
        }
        else if (year != 0 && FindRelease(release) is var chosen && (year < chosen.FirstYear || year > chosen.LastYear))
        {
            problems.Add(new("year", $"must be 0 (the release's latest) or a reporting year of the {chosen.Year} release: {chosen.FirstYear} to {chosen.LastYear}"));
        }

        return problems;
    }

    /// <summary>The benchmark; the arguments must have passed <see cref="Check"/>.</summary>
    public Benchmark Compare(string authority, BenchmarkMeasure measure, int release = 0, int year = 0)
    {
        if (Check(authority, release, year) is [var problem, ..])
        {
            throw new ArgumentException($"{problem.Field} {problem.Message}");
        }

        var file = FindRelease(release);
        var reportingYear = year == 0 ? file.LastYear : year;
        var key = Key(authority);
        var notes = new List<string>();

        var (councilRow, councilFigure) = Find(file, reportingYear, key, measure);
        var regionRow = councilRow ?? LatestRow(file, key);
        var region = regionRow is null
            ? new PublishedFigure("", "", null, null, $"no region: {key} has no row in the {file.Year} release")
            : Figure(file.Region(reportingYear, regionRow.RegionCode), regionRow.RegionCode, regionRow.RegionName, reportingYear, measure);
        var england = Figure(file.England(reportingYear), "E92000001", "England", reportingYear, measure);

        var neighbours = new List<NeighbourFigure>();
        var counted = new Dictionary<string, int>(StringComparer.Ordinal) { [councilRow?.Code ?? key] = 0 };
        foreach (var neighbour in NeighboursOf(key, notes))
        {
            var (row, figure) = Find(file, reportingYear, neighbour.Code, measure);
            var isCounted = false;
            if (row is not null && counted.TryGetValue(row.Code, out var earlier))
            {
                var why = earlier == 0 ? "the council's own return, not counted" : $"the return of neighbour {earlier}, counted once";
                figure = figure with { Note = figure.Note is null ? why : $"{figure.Note}; {why}" };
            }
            else if (row is not null)
            {
                counted[row.Code] = neighbour.Position;
                isCounted = figure.Value is not null;
            }

            neighbours.Add(new NeighbourFigure(neighbour, Name(neighbour.Code), figure, isCounted));
        }

        return new Benchmark(authority, measure, file, reportingYear, councilFigure, region, england, neighbours, notes);
    }

    private IndicatorRelease FindRelease(int release) => release == 0 ? Latest : Releases.Single(r => r.Year == release);

    /// <summary>"314-318" is the joint return printed "314 / 318".</summary>
    private static string Key(string authority) => authority.Replace("-", " / ", StringComparison.Ordinal);

    private string Name(string code) => _names.GetValueOrDefault(code, code);

    /// <summary>
    /// A council's groupings: a joint return takes its first council's; a council created after April 2021 (Cumberland,
    /// Westmorland and Furness) takes those of the council it was created from.
    /// </summary>
    private IReadOnlyList<StatisticalNeighbour> NeighboursOf(string key, List<string> notes)
    {
        var code = IndicatorRelease.JointCodes(key)[0];
        if (_groupings.Of(code) is { } own)
        {
            if (code != key)
            {
                notes.Add($"Neighbours of {Name(code)} ({code}), the first council of the joint return {key}.");
            }

            return own;
        }

        if (Reorganisation.Known.FirstOrDefault(r => r.After.Contains(code)) is { } created && _groupings.Of(created.Before[0]) is { } predecessor)
        {
            notes.Add($"{Name(code)} ({code}) was created in {created.FirstYear}, after the {NeighbourGroupings.Title}: neighbours of {Named(created.Before)}, which it was created from.");
            return predecessor;
        }

        notes.Add($"{Name(code)} ({code}) has no statistical neighbours in the {NeighbourGroupings.Title}.");
        return [];
    }

    /// <summary>A code's row in a year: its own, or the joint return it is part of; otherwise no value and why.</summary>
    private (IndicatorRow? Row, PublishedFigure Figure) Find(IndicatorRelease file, int year, string key, BenchmarkMeasure measure)
    {
        if (file.Council(year, key) is { } own)
        {
            return (own, Figure(own, own.Code, own.Name, year, measure));
        }

        if (file.JointReturn(year, key) is { } joint)
        {
            return (joint, Figure(joint, joint.Code, joint.Name, year, measure) with { Note = $"reported jointly as {joint.Code} ({joint.Name})" });
        }

        return (null, new PublishedFigure(key, Name(key), null, null, NoRow(key, year)));
    }

    private string NoRow(string code, int year)
    {
        var note = $"no figures under {code} in reporting year {year}";
        foreach (var change in Reorganisation.Known)
        {
            if (change.Before.Contains(code) && year >= change.FirstYear)
            {
                return $"{note}: replaced by {Named(change.After)} from {change.FirstYear}";
            }

            if (change.After.Contains(code) && year < change.FirstYear)
            {
                return $"{note}: created in {change.FirstYear} from {Named(change.Before)}";
            }
        }

        return note;
    }

    private string Named(IEnumerable<string> codes) => string.Join(" and ", codes.Select(c => $"{Name(c)} ({c})"));

    private static IndicatorRow? LatestRow(IndicatorRelease file, string key) =>
        Enumerable.Range(file.FirstYear, file.LastYear - file.FirstYear + 1).Reverse()
            .Select(y => file.Council(y, key) ?? file.JointReturn(y, key))
            .FirstOrDefault(r => r is not null);

    private static PublishedFigure Figure(IndicatorRow? row, string code, string name, int year, BenchmarkMeasure measure)
    {
        if (row is null)
        {
            return new PublishedFigure(code, name, null, null, $"no figures under {code} in reporting year {year}");
        }

        var printed = row.Printed[measure];
        return decimal.TryParse(printed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? new PublishedFigure(code, name, value, null, null)
            : new PublishedFigure(code, name, null, printed, printed.Length == 0 ? "blank in the file" : null);
    }
}
