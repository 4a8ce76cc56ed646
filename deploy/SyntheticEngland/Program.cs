using System.Diagnostics;
using System.Globalization;
using Workforce.SyntheticEngland;

EnglandOptions options;
try
{
    options = EnglandCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EnglandCommandLine.Usage);
    return 2;
}

// Prints each council's figures at its last 30 September beside what it published, then England's totals.
var c = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
var (councils, changes, mismatches) = (0, 0L, 0);
var totals = new Dictionary<int, YearFigures>();
foreach (var council in England.Generate(options))
{
    councils++;
    changes += council.Changes;
    foreach (var (figures, target) in council.Figures.Zip(council.Targets).Where(p => p.First != p.Second))
    {
        mismatches++;
        Console.WriteLine($"{council.Authority} off target: {figures} for {target}");
    }

    foreach (var f in council.Figures)
    {
        totals[f.Year] = totals.TryGetValue(f.Year, out var t)
            ? new YearFigures(f.Year, t.InPost + f.InPost, t.Agency + f.Agency, t.Leavers + f.Leavers, t.Vacancy + f.Vacancy, t.CaseHolders + f.CaseHolders, t.Cases + f.Cases)
            : f;
    }

    Console.WriteLine(string.Create(c, $"{council.Authority,-8} {council.Name,-40} {council.StaffChanges.Count,7} staff {council.AllocationChanges.Count,8} allocation {council.Sessions.Count,8} session changes; {council.Figures[^1]}"));
}

foreach (var total in totals.Values.OrderBy(t => t.Year))
{
    var published = PublishedIndicators.England.FirstOrDefault(e => e.Year == total.Year);
    Console.WriteLine(string.Create(c, $"{total.Year} all generated: in post {total.InPost / 10.0:0.0} FTE (England {published?.InPost / 10.0:0.0}), agency {total.Agency / 10.0:0.0} ({published?.Agency / 10.0:0.0}), leavers {total.Leavers / 10.0:0.0} ({published?.Leavers / 10.0:0.0}), vacancy {total.Vacancy / 10.0:0.0} ({published?.Vacancy / 10.0:0.0}), case holders {total.CaseHolders / 10.0:0.0} ({published?.CaseHolders / 10.0:0.0}), cases {total.Cases} ({published?.Cases})"));
}

Console.WriteLine(string.Create(c, $"{councils} councils, {changes} changes, {mismatches} council-years off target, {clock.Elapsed.TotalSeconds:0.0} s"));
return mismatches == 0 ? 0 : 1;
