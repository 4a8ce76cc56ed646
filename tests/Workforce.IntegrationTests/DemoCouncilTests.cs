using System.Globalization;
using System.Text.RegularExpressions;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// The demo council's four years of HR history pushed through the public API by its own command, twice: the
/// service's figures equal the generator's own count of who is in post, and the second push changes nothing.
/// </summary>
public sealed partial class DemoCouncilTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task The_demo_council_loads_over_grpc_idempotently_and_the_service_agrees_with_the_generator()
    {
        var summary = await RunDemoAsync("--dry-run");
        string[] target = ["--workforce", $"http://127.0.0.1:{Suite.Workforce.GrpcPort}", "--caseload", $"http://127.0.0.1:{Suite.Caseload.GrpcPort}",
            "--supervision", $"http://127.0.0.1:{Suite.Supervision.GrpcPort}",
            "--token", TestTokens.Create([WorkforceRoles.HrWriter, WorkforceRoles.CaseWriter, WorkforceRoles.SupervisionWriter], ["841"])];
        var first = await RunDemoAsync(target);
        var second = await RunDemoAsync(target);

        Assert.Matches(RecordedLine(), first);
        Assert.DoesNotMatch(@"Applied|Superseded|Unmatched", second);
        var expected = SummaryFigures().Match(summary);
        Assert.True(expected.Success, summary);
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["841"]));
        var figures = await Suite.StaffRegister().GetWorkforceStabilityAsync(new FigureRequest { Authority = "841", AsOf = Requests.Day(2025, 9, 30) }, analyst);
        Assert.Equal(
            (Figure(expected, "employed"), Figure(expected, "agency"), Figure(expected, "vacancy"), Figure(expected, "leavers")),
            (Math.Round(figures.EmployedFte, 1), Math.Round(figures.AgencyFte, 1), Math.Round(figures.VacancyFte, 1), Math.Round(figures.LeaversFte, 1)));

        // Allocations sent before the caseload service heard of their worker count once the worker's event arrives.
        var caseload = CaseloadFigures().Match(summary);
        Assert.True(caseload.Success, summary);
        await Eventually.True(async () =>
        {
            var progress = await Suite.CaseAllocations().GetTargetProgressAsync(new Caseload.V1.TargetProgressRequest { Authority = "841", AsOf = Requests.Day(2025, 9, 30) }, analyst);
            return progress.Unadjusted.Cases == int.Parse(caseload.Groups["cases"].Value, CultureInfo.InvariantCulture)
                && Math.Round(progress.Unadjusted.CaseHoldingFte, 1) == Figure(caseload, "fte");
        }, TimeSpan.FromSeconds(60), "the caseload service to agree with the generator's caseload");

        var supervision = SupervisionFigures().Match(summary);
        Assert.True(supervision.Success, summary);
        await Eventually.True(async () =>
        {
            var regularity = await Suite.SupervisionRecords().GetRegularityAsync(new Supervision.V1.RegularityRequest { Authority = "841", AsOf = Requests.Day(2025, 9, 30) }, analyst);
            return (regularity.InDate, regularity.SupervisedStaff) == (int.Parse(supervision.Groups["inDate"].Value, CultureInfo.InvariantCulture), int.Parse(supervision.Groups["staff"].Value, CultureInfo.InvariantCulture));
        }, TimeSpan.FromSeconds(60), "the supervision service to agree with the generator on who is in date");

        // Four years of allocations are enough history for a seasonal forecast with intervals that widen with horizon.
        var forecast = await Suite.CaseAllocations().GetCaseloadForecastAsync(
            new Caseload.V1.CaseloadForecastRequest { Authority = "841", Start = Requests.Day(2025, 9, 30), HorizonMonths = 12, SamplePaths = 300 }, analyst);
        Assert.True(forecast.History.Count >= 36, $"{forecast.History.Count} months of history");
        Assert.Equal(forecast.History[^1].OpenCases, int.Parse(caseload.Groups["cases"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(12, forecast.Months.Count);
        var (nextMonth, lastMonth) = (forecast.Months[0], forecast.Months[^1]);
        Assert.True(lastMonth.OpenCases.Upper95 - lastMonth.OpenCases.Lower95 > nextMonth.OpenCases.Upper95 - nextMonth.OpenCases.Lower95, forecast.ToString());
        Assert.InRange(nextMonth.CaseHoldingFte.Point, 0.85 * forecast.History[^1].CaseHoldingFte, 1.15 * forecast.History[^1].CaseHoldingFte);
        Assert.All(forecast.Months, m => Assert.InRange(m.ShareAtOrUnderTargetPercent.Lower95, 0, m.ShareAtOrUnderTargetPercent.Upper95));

        // The back-test command reads the same history from the running service and reports every horizon.
        var output = Path.Combine(Path.GetTempPath(), "backtest-" + Guid.NewGuid().ToString("N"));
        var backtest = await DeployTool.RunToSuccessAsync("Backtest", "scope", "--caseload", $"http://127.0.0.1:{Suite.Caseload.GrpcPort}",
            "--token", TestTokens.Create([WorkforceRoles.Analyst], ["841"]), "--authority", "841", "--start", "2025-09-30", "--out", output);
        Assert.Contains($"841: {forecast.History.Count} month ends", backtest);
        Assert.All(new[] { 1, 3, 6, 12 }, h => Assert.Matches($@"\| ETS \| {h} \| \d+ \|", backtest));
        Assert.True(File.Exists(Path.Combine(output, "backtest.json")));
        Directory.Delete(output, recursive: true);
    }

    private static double Figure(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static Task<string> RunDemoAsync(params string[] arguments) => DeployTool.RunToSuccessAsync("DemoCouncil", arguments);

    [GeneratedRegex(@"average caseload [\d.]+ \((?<cases>\d+) cases / (?<fte>[\d.]+) FTE")]
    internal static partial Regex CaseloadFigures();

    [GeneratedRegex(@"(?<inDate>\d+) of (?<staff>\d+) supervised staff in date")]
    internal static partial Regex SupervisionFigures();

    [GeneratedRegex(@"Recorded \d+ batches: Applied \d+")]
    private static partial Regex RecordedLine();

    [GeneratedRegex(@"employed FTE (?<employed>[\d.]+), agency FTE (?<agency>[\d.]+).*?vacancy FTE (?<vacancy>[\d.]+).*?leavers FTE in the year (?<leavers>[\d.]+)", RegexOptions.Singleline)]
    private static partial Regex SummaryFigures();
}
