using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workforce.DemoCouncil;
using Workforce.Forecasting;

namespace Workforce.Backtest;

/// <summary>Runs the back-tests asked for and writes what they measured as JSON and a Markdown table, goals included.</summary>
internal sealed class BacktestReport(BacktestCommand command)
{
    public const int FirstPublishedYear = 2013;
    public const int LastPublishedYear = 2025;
    public const int LastTrainingYear = 2022;
    public const int DefaultDemoCouncils = 6;
    public const int MinimumDemoTraining = 24;
    public const int MonthsPerYear = 12;

    /// <summary>The 80% intervals should hold between these shares of what happened.</summary>
    private const double CoverageLow = 0.75;
    private const double CoverageHigh = 0.85;

    private static readonly int[] DemoHorizons = [1, 3, 6, 12];

    private readonly List<Section> _sections = [];
    private readonly List<Goal> _goals = [];

    public void RunPublished(string dataDirectory)
    {
        foreach (var (file, column, title) in new[]
                 {
                     (PublishedSeries.ChildrenInNeedFile, PublishedSeries.ChildrenInNeedColumn, "Children in need at 31 March (DfE b1)"),
                     (PublishedSeries.ReferralsFile, PublishedSeries.ReferralsColumn, "Referrals in the year (DfE c1)"),
                 })
        {
            using var reader = new StreamReader(Path.Combine(dataDirectory, file));
            var set = PublishedSeries.Read(reader, column, FirstPublishedYear, LastPublishedYear);
            var councils = set.Complete.Take(command.Councils ?? int.MaxValue).ToList();
            var outcomes = PublishedBacktest.Run(councils, LastTrainingYear, [ForecastMethod.ExponentialSmoothing, ForecastMethod.Naive]);
            var section = new Section(
                title,
                $"{file}, column {column}: {councils.Count} councils with a figure for every year {FirstPublishedYear}–{LastPublishedYear} " +
                $"({set.Excluded.Count} excluded for a suppressed or missing year). Fitted to {FirstPublishedYear}–{LastTrainingYear}, " +
                $"forecast {LastTrainingYear + 1}–{LastPublishedYear} (h = 1–3), one origin; MASE scaled by the in-sample naive (lag 1) MAE.",
                Summarise(outcomes, [1, 2, 3]),
                ModelsChosen(outcomes),
                set.Excluded.Select(e => $"excluded {e.Code} {e.Name}: {e.Reason}").ToList());
            _sections.Add(section);

            var ets = section.Row(ForecastMethod.ExponentialSmoothing.Name, null);
            var naive = section.Row(ForecastMethod.Naive.Name, null);
            _goals.Add(new Goal($"{title}: median APE below naive's, h = 1–3", Format(ets.MedianApe, "F2") + "% vs " + Format(naive.MedianApe, "F2") + "%", ets.MedianApe < naive.MedianApe));
            AddCoverageGoal(title, ets);
        }
    }

    public void RunDemo()
    {
        var councils = DemoSeries.Councils(command.Councils ?? DefaultDemoCouncils)
            .Select(options => ($"{options.Authority} seed {options.Seed}", DemoSeries.MonthEndOpenCases(Council.Generate(options))))
            .ToList();
        RunMonthly(
            "Demo councils: month-end open cases",
            $"{councils.Count} demo councils (deploy/DemoCouncil, one seed each), open cases at each month end.",
            councils);
    }

    /// <summary>Back-tests one live scope's month-end open cases, as the caseload service reports its history.</summary>
    public void RunScope(string name, IReadOnlyList<double> series)
    {
        if (series.Count <= MinimumDemoTraining)
        {
            throw new InvalidOperationException($"{name} has {series.Count} months of history; a back-test needs more than {MinimumDemoTraining}.");
        }

        RunMonthly($"{name}: month-end open cases held", $"{name} as the caseload service holds it: open cases held at each month end.", [(name, series)]);
    }

    private void RunMonthly(string title, string what, IReadOnlyList<(string Name, IReadOnlyList<double> Series)> scopes)
    {
        var outcomes = new List<ForecastOutcome>();
        foreach (var (name, series) in scopes)
        {
            outcomes.AddRange(RollingOrigin.Evaluate(
                name, series, MonthsPerYear, RollingOrigin.Origins(series.Count, MinimumDemoTraining), DemoHorizons,
                [ForecastMethod.ExponentialSmoothing, ForecastMethod.Naive, ForecastMethod.SeasonalNaive]));
        }

        var section = new Section(
            title,
            $"{what} Rolling origins from {MinimumDemoTraining} months of training to the last month with a target, " +
            $"h = {string.Join(", ", DemoHorizons)}; MASE scaled by each origin's in-sample seasonal naive (lag {MonthsPerYear}) MAE.",
            Summarise(outcomes, DemoHorizons),
            ModelsChosen(outcomes),
            scopes.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Name}: {s.Series.Count} month ends, open cases {s.Series.Min()}–{s.Series.Max()}, first {s.Series[0]}, last {s.Series[^1]}")).ToList());
        _sections.Add(section);
        foreach (var h in new[] { 3, 12 })
        {
            var ets = section.Row(ForecastMethod.ExponentialSmoothing.Name, h);
            var naive = section.Row(ForecastMethod.Naive.Name, h);
            _goals.Add(new Goal($"{title}: MASE below naive's at h = {h}", Format(ets.Mase, "F3") + " vs " + Format(naive.Mase, "F3"), ets.Mase < naive.Mase));
        }

        AddCoverageGoal(title, section.Row(ForecastMethod.ExponentialSmoothing.Name, null));
    }

    /// <summary>Writes backtest.json and backtest.md to the output directory; returns the Markdown.</summary>
    public string Write()
    {
        Directory.CreateDirectory(command.OutputDirectory);
        var markdown = Markdown();
        File.WriteAllText(Path.Combine(command.OutputDirectory, "backtest.md"), markdown);
        var json = JsonSerializer.Serialize(
            new { Command = CommandLine(), Sections = _sections, Goals = _goals },
            new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
        File.WriteAllText(Path.Combine(command.OutputDirectory, "backtest.json"), json + "\n");
        return markdown;
    }

    private void AddCoverageGoal(string title, Row ets) =>
        _goals.Add(new Goal(
            $"{title}: ETS 80% intervals cover {CoverageLow * 100:F0}–{CoverageHigh * 100:F0}%",
            Format(ets.Coverage80, "%"),
            ets.Coverage80 is >= CoverageLow and <= CoverageHigh));

    /// <summary>How often AICc chose each ETS form, counting each fit (a series at an origin) once.</summary>
    private static List<string> ModelsChosen(IReadOnlyList<ForecastOutcome> outcomes) =>
        outcomes.Where(o => o.Method == ForecastMethod.ExponentialSmoothing.Name)
            .DistinctBy(o => (o.Series, o.Origin))
            .GroupBy(o => o.FittedModel)
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key}: {g.Count()} fits")
            .ToList();

    private static List<Row> Summarise(IReadOnlyList<ForecastOutcome> outcomes, IReadOnlyList<int> horizons) =>
        outcomes.GroupBy(o => o.Method)
            .SelectMany(method => horizons.Select(h => Row.Of(method.Key, h, method.Where(o => o.Horizon == h)))
                .Append(Row.Of(method.Key, null, method)))
            .ToList();

    private string CommandLine() => $"dotnet run --project deploy/Backtest -c Release -- {command.Arguments}".TrimEnd();

    private string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Forecast back-test").AppendLine();
        text.AppendLine($"Made by `{CommandLine()}`. APE and MAPE in percent; coverage is the share of actual values inside the interval; h = all pools every horizon.").AppendLine();
        foreach (var section in _sections)
        {
            text.AppendLine($"## {section.Title}").AppendLine().AppendLine(section.Description).AppendLine();
            foreach (var detail in section.Details)
            {
                text.AppendLine($"- {detail}");
            }

            text.AppendLine();
            text.AppendLine("| method | h | forecasts | median APE | MAPE | MASE | 80% coverage | 95% coverage |");
            text.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var row in section.Rows)
            {
                text.AppendLine(
                    $"| {row.Method} | {row.Horizon?.ToString(CultureInfo.InvariantCulture) ?? "all"} | {row.Forecasts} | {Format(row.MedianApe, "F2")} | {Format(row.Mape, "F2")} | " +
                    $"{Format(row.Mase, "F3")} | {Format(row.Coverage80, "%")} | {Format(row.Coverage95, "%")} |");
            }

            text.AppendLine().AppendLine("ETS forms chosen by AICc: " + string.Join("; ", section.ModelsChosen) + ".").AppendLine();
        }

        if (_goals.Count > 0)
        {
            text.AppendLine("## Goals").AppendLine();
            text.AppendLine("| goal | measured (ETS vs benchmark) | met |");
            text.AppendLine("|---|---|---|");
            foreach (var goal in _goals)
            {
                text.AppendLine($"| {goal.What} | {goal.Measured} | {(goal.Met ? "yes" : "**no**")} |");
            }
        }

        return text.ToString();
    }

    /// <summary>"%" formats a share as a percentage to one decimal place.</summary>
    private static string Format(double value, string format) =>
        !double.IsFinite(value) ? "–"
        : format == "%" ? (100 * value).ToString("F1", CultureInfo.InvariantCulture) + "%"
        : value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record Section(string Title, string Description, IReadOnlyList<Row> Rows, IReadOnlyList<string> ModelsChosen, IReadOnlyList<string> Details)
    {
        public Row Row(string method, int? horizon) => Rows.Single(r => r.Method == method && r.Horizon == horizon);
    }

    /// <summary>One method's accuracy at one horizon, or over all of them (Horizon null).</summary>
    private sealed record Row(string Method, int? Horizon, int Forecasts, double MedianApe, double Mape, double Mase, double Coverage80, double Coverage95)
    {
        public static Row Of(string method, int? horizon, IEnumerable<ForecastOutcome> outcomes)
        {
            var accuracy = Accuracy.Of(outcomes);
            return new Row(method, horizon, accuracy.Forecasts, accuracy.MedianApe, accuracy.Mape, accuracy.Mase, accuracy.Coverage80, accuracy.Coverage95);
        }
    }

    private sealed record Goal(string What, string Measured, bool Met);
}
