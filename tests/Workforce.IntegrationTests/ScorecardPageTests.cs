using System.Globalization;
using Microsoft.Playwright;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;
using Xunit.Abstractions;

namespace Workforce.IntegrationTests;

/// <summary>
/// The scorecard page in a real headless Chromium against the real suite with the demo council loaded: the figures and
/// list rows on the page are the API's, the charts are drawn, a refused token reads as a message, and a screenshot is kept.
/// </summary>
public sealed class ScorecardPageTests(SqliteSuiteFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteSuiteFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task The_scorecard_shows_the_demo_councils_month_as_the_api_answers_it()
    {
        await LoadDemoCouncilAsync();
        await using var scorecard = await ServiceProcess.StartAsync("Scorecard", new Dictionary<string, string>
        {
            ["Scorecard__WorkforceUrl"] = Suite.Workforce.GrpcAddress.ToString(),
            ["Scorecard__CaseloadUrl"] = Suite.Caseload.GrpcAddress.ToString(),
            ["Scorecard__SupervisionUrl"] = Suite.Supervision.GrpcAddress.ToString(),
        });
        var analystToken = TestTokens.Create([WorkforceRoles.Analyst], ["841"]);
        var analyst = Suite.Bearer(analystToken);
        var (asOf, yearFrom) = (Requests.Day(2025, 9, 30), Requests.Day(2025, 4, 1));

        using var playwright = await Playwright.CreateAsync();
        var profile = TestEnvironment.NewScratchDirectory("chromium-profile");
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();

        // Another council's token first: the page says why, and shows no figures.
        await ShowAsync(page, scorecard, TestTokens.Create([WorkforceRoles.Analyst], ["840"]), "error");
        Assert.Contains("does not allow reading council 841", await page.Locator("#message").TextContentAsync());
        Assert.False(await page.Locator("#scorecard").IsVisibleAsync());

        await ShowAsync(page, scorecard, analystToken, "ready");
        Assert.DoesNotContain(analystToken, page.Url, StringComparison.Ordinal);

        var agency = await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = "841", AsOf = asOf }, analyst);
        var agencyYear = await Suite.StaffRegister().GetAgencyRateSeriesAsync(new SeriesRequest { Authority = "841", From = yearFrom, To = asOf }, analyst);
        var progress = await Suite.CaseAllocations().GetTargetProgressAsync(new Caseload.V1.TargetProgressRequest { Authority = "841", AsOf = asOf }, analyst);
        var progressYear = await Suite.CaseAllocations().GetTargetProgressSeriesAsync(
            new Caseload.V1.TargetProgressSeriesRequest { Authority = "841", From = yearFrom, To = asOf }, analyst);
        var regularity = await Suite.SupervisionRecords().GetRegularitySeriesAsync(
            new Supervision.V1.RegularitySeriesRequest { Authority = "841", From = yearFrom, To = asOf }, analyst);
        var regularityNow = await Suite.SupervisionRecords().GetRegularityAsync(new Supervision.V1.RegularityRequest { Authority = "841", AsOf = asOf }, analyst);
        var september = regularity.Points[^1];

        // Six month ends of the reporting year (April to September); the page's year to date is their mean.
        Assert.Equal(6, agencyYear.Points.Count);
        Assert.Equal(Percent(agency.RateByFtePercent), await FigureAsync(page, "agency-rate-month"));
        Assert.Equal(Percent(agencyYear.Points.Average(p => p.RateByFtePercent)), await FigureAsync(page, "agency-rate-ytd"));
        Assert.Equal(Number(progress.Unadjusted.AverageCaseload), await FigureAsync(page, "average-caseload-month"));
        Assert.Equal(Number(progressYear.Points.Average(p => p.AverageCaseload)), await FigureAsync(page, "average-caseload-ytd"));
        Assert.Equal(Percent(september.HeldInMonthPercent), await FigureAsync(page, "supervision-timescale-month"));
        Assert.Equal(Percent(september.HeldYearToDatePercent), await FigureAsync(page, "supervision-timescale-ytd"));
        Assert.Equal(Percent(regularityNow.InDatePercent), await FigureAsync(page, "supervision-in-date-month"));
        Assert.Equal(Percent(progress.Unadjusted.ShareAtOrUnderTargetPercent), await FigureAsync(page, "share-at-target-month"));
        // Status is shown in words as well as colour.
        var caseloadStatus = await page.Locator("[data-figure='average-caseload-month']").GetAttributeAsync("data-status");
        var shownAverage = Math.Round(progress.Unadjusted.AverageCaseload, 1, MidpointRounding.AwayFromZero);
        Assert.Equal(shownAverage <= 18 ? "Green" : shownAverage <= 20 ? "Amber" : "Red", caseloadStatus);
        Assert.Equal(caseloadStatus, await page.Locator("[data-figure='average-caseload-month'] .rag").TextContentAsync());

        var overdue = await Suite.SupervisionRecords().ListOverdueAsync(new Supervision.V1.RegularityRequest { Authority = "841", AsOf = asOf, Limit = 10 }, analyst);
        var reallocation = await Suite.CaseAllocations().GetCasesNeedingReallocationAsync(new Caseload.V1.CaseQuery { Authority = "841", AsOf = asOf, Limit = 10 }, analyst);
        Assert.True(overdue.Total > 0 && reallocation.Total > 0, $"the demo council has overdue supervision ({overdue.Total}) and cases to reallocate ({reallocation.Total})");
        var firstOverdue = await FirstRowAsync(page, "overdue");
        // A blank cell (no supervisor recorded, no session yet) shows a dash.
        var supervisor = overdue.Staff[0].SupervisorStaffId is { Length: > 0 } s ? s : "—";
        Assert.Equal((overdue.Staff[0].StaffId, supervisor, overdue.Staff[0].DaysOverdue.ToString(CultureInfo.InvariantCulture)),
            (firstOverdue[0], firstOverdue[1], firstOverdue[3]));
        Assert.Equal(overdue.Total > 10 ? $"({overdue.Total} in all, first 10 shown)" : $"({overdue.Total} in all)",
            await page.Locator("#overdue-total").TextContentAsync());
        var firstCase = await FirstRowAsync(page, "reallocation");
        Assert.Equal((reallocation.Cases[0].CaseId, reallocation.Cases[0].StaffId), (firstCase[0], firstCase[1]));
        Assert.Equal(Math.Min(10, overdue.Total), await page.Locator("#overdue tbody tr").CountAsync());

        // Every chart is drawn; the caseload one carries history, forecast mean, both interval bands and the target line.
        Assert.Equal(4, await page.EvaluateAsync<int>(
            "() => ['chart-agency', 'chart-caseload', 'chart-supervision', 'chart-distribution'].filter(id => Chart.getChart(id)).length"));
        Assert.Equal(7, await page.EvaluateAsync<int>("() => Chart.getChart('chart-caseload').data.datasets.length"));
        Assert.Equal(progress.Unadjusted.Distribution.Sum(b => b.Workers),
            await page.EvaluateAsync<int>("() => Chart.getChart('chart-distribution').data.datasets[0].data.reduce((a, b) => a + b, 0)"));

        var screenshot = Path.Combine(TestEnvironment.RunDirectory, "results", "scorecard", "scorecard-841-2025-09.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot holds a drawn page");
        output.WriteLine($"Scorecard screenshot: {screenshot}");
    }

    private static async Task ShowAsync(IPage page, ServiceProcess scorecard, string token, string expectedState)
    {
        await page.GotoAsync(scorecard.HttpAddress.ToString());
        await page.FillAsync("#token", token);
        await page.FillAsync("#authority", "841");
        await page.FillAsync("#month", "2025-09");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync($"body[data-state='{expectedState}']", new() { Timeout = 60_000 });
    }

    private static async Task<string?> FigureAsync(IPage page, string key) =>
        await page.Locator($"[data-figure='{key}'] .value").TextContentAsync();

    private static async Task<string[]> FirstRowAsync(IPage page, string table) =>
        (await page.Locator($"#{table} tbody tr").First.Locator("td").AllTextContentsAsync()).ToArray();

    private static string Number(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Percent(double value) => Number(value) + "%";

    /// <summary>The demo council, loaded over gRPC, with the caseload and supervision services caught up with it.</summary>
    private async Task LoadDemoCouncilAsync()
    {
        var summary = await DeployTool.RunToSuccessAsync("DemoCouncil", "--dry-run");
        await DeployTool.RunToSuccessAsync("DemoCouncil", "--workforce", $"http://127.0.0.1:{Suite.Workforce.GrpcPort}",
            "--caseload", $"http://127.0.0.1:{Suite.Caseload.GrpcPort}", "--supervision", $"http://127.0.0.1:{Suite.Supervision.GrpcPort}",
            "--token", TestTokens.Create([WorkforceRoles.HrWriter, WorkforceRoles.CaseWriter, WorkforceRoles.SupervisionWriter], ["841"]));
        var caseload = DemoCouncilTests.CaseloadFigures().Match(summary);
        var supervision = DemoCouncilTests.SupervisionFigures().Match(summary);
        Assert.True(caseload.Success && supervision.Success, summary);
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["841"]));
        await Eventually.True(async () =>
        {
            var progress = await Suite.CaseAllocations().GetTargetProgressAsync(new Caseload.V1.TargetProgressRequest { Authority = "841", AsOf = Requests.Day(2025, 9, 30) }, analyst);
            var regularity = await Suite.SupervisionRecords().GetRegularityAsync(new Supervision.V1.RegularityRequest { Authority = "841", AsOf = Requests.Day(2025, 9, 30) }, analyst);
            return progress.Unadjusted.Cases == int.Parse(caseload.Groups["cases"].Value, CultureInfo.InvariantCulture)
                && Math.Round(progress.Unadjusted.CaseHoldingFte, 1) == double.Parse(caseload.Groups["fte"].Value, CultureInfo.InvariantCulture)
                && regularity.SupervisedStaff == int.Parse(supervision.Groups["staff"].Value, CultureInfo.InvariantCulture);
        }, TimeSpan.FromSeconds(90), "the caseload and supervision services to catch up with the demo council");
    }
}
