using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Caseload.V1;
using Supervision.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>The command-line tool against the running services: HR file imports (checked, resumable) and the headline report.</summary>
public sealed partial class CliTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Header = "change,post_id,effective_date,role,team,fte,contract,case_holding,registered";

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task A_dry_run_reports_exactly_the_planted_bad_rows_and_sends_nothing()
    {
        const string authority = "876";
        var rows = Enumerable.Range(0, 60).Select(i => $"starter,cli-{i:000},2025-04-01,5,team-a,1,employed,Y,Y").ToList();
        rows[10] = "starter,cli-010,2025-04-31,5,team-a,1,employed,Y,Y";
        rows[25] = "starter,cli-025,2025-04-01,5,team-a,0,employed,Y,Y";
        rows[47] = "starter,someone@example.org,2025-04-01,5,team-a,1,employed,Y,Y";
        var file = await WriteFileAsync(rows);

        var (exitCode, output, _) = await DeployTool.RunAsync("Cli", [.. Target(authority), "import", "hr", file, "--authority", authority, "--dry-run"]);

        Assert.Equal(1, exitCode);
        // Header is line 1, so row i is on line i + 2.
        Assert.Equal([12, 27, 49], ReportedLines().Matches(output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Contains("60 rows, 57 ready to send, 3 with errors", output);
        Assert.Equal(0, await Suite.CountAsync("workforce", $"SELECT COUNT(*) FROM staff_changes WHERE \"Authority\" = '{authority}'"));
    }

    [Fact]
    public async Task An_interrupted_import_run_again_completes_with_every_row_recorded_once()
    {
        const string authority = "877";
        const int rowCount = 1200;
        var file = await WriteFileAsync(Enumerable.Range(0, rowCount).Select(i => $"starter,cli-{i:0000},2025-04-01,5,team-{i % 7},{(i % 2 == 0 ? "1" : "0.5")},employed,Y,Y"));
        string[] import = [.. Target(authority), "import", "hr", file, "--authority", authority, "--batch-size", "20"];

        // Killed once it says 100 rows are recorded: the batches in flight are either wholly recorded or not at all.
        using (var first = Process.Start(DeployTool.StartInfo("Cli", import))!)
        {
            string? line;
            while ((line = await first.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("sent 100 of", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var recordedBefore = await RecordedAsync(authority);
        var second = await DeployTool.RunToSuccessAsync("Cli", import);

        Assert.InRange(recordedBefore, 100, rowCount - 1);
        Assert.Equal(0, recordedBefore % 20);
        Assert.Contains($"applied {rowCount - recordedBefore}, already held {recordedBefore},", second);
        Assert.Equal(rowCount, await RecordedAsync(authority));
        Assert.Equal(rowCount, await Suite.CountAsync("workforce", $"SELECT COUNT(DISTINCT \"ChangeId\") FROM staff_changes WHERE \"Authority\" = '{authority}'"));
        var agency = await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30) }, Analyst(authority));
        Assert.Equal((rowCount / 2 * 1.0) + (rowCount / 2 * 0.5), agency.EmployedFte, 6);
    }

    [Fact]
    public async Task The_example_export_imports_through_its_mapping_and_the_report_prints_what_the_services_answer()
    {
        const string authority = "878";
        var examples = Path.Combine(RepositoryPaths.Root, "deploy", "Cli", "examples");

        var imported = await DeployTool.RunToSuccessAsync("Cli", [.. Target(authority), "import", "hr", Path.Combine(examples, "itrent-export.csv"),
            "--authority", authority, "--mapping", Path.Combine(examples, "itrent-mapping.json")]);
        var report = await DeployTool.RunToSuccessAsync("Cli", [.. Target(authority, WorkforceRoles.Analyst), "report", "--authority", authority, "--as-of", "2025-09-30"]);

        Assert.Contains("applied 7, already held 0,", imported);
        var day = Requests.Day(2025, 9, 30);
        var headers = Analyst(authority);
        var agency = await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = authority, AsOf = day }, headers);
        var stability = await Suite.StaffRegister().GetWorkforceStabilityAsync(new FigureRequest { Authority = authority, AsOf = day }, headers);
        var regularity = await new SupervisionRecords.SupervisionRecordsClient(Suite.Supervision.CreateChannel()).GetRegularityAsync(new RegularityRequest { Authority = authority, AsOf = day }, headers);
        var progress = await new CaseAllocations.CaseAllocationsClient(Suite.Caseload.CreateChannel()).GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = day }, headers);
        // The agency worker left on 31 August: three employed social workers of 1.0 FTE and no agency FTE remain.
        Assert.Equal((0.0, 3.0), (agency.AgencyFte, agency.EmployedFte));
        Assert.Contains($"agency rate (FTE): {Percent(agency.RateByFtePercent)} ({agency.AgencyFte:0.0} agency FTE, {agency.EmployedFte:0.0} employed FTE)", report);
        Assert.Contains($"turnover (year from {Date(stability.YearFrom)}): {Percent(stability.TurnoverRatePercent)} ({stability.LeaversFte:0.0} leavers FTE)", report);
        Assert.Contains($"sickness absence rate: {Percent(stability.AbsenceRatePercent)}", report);
        Assert.Contains($"({progress.Unadjusted.Cases} cases, {progress.Unadjusted.CaseHoldingFte:0.0} case-holding FTE)", report);
        Assert.Contains($"supervision in date: {Percent(regularity.InDatePercent)} ({regularity.InDate} of {regularity.SupervisedStaff} supervised staff)", report);
    }

    private string[] Target(string authority, string role = WorkforceRoles.HrWriter) =>
    [
        "--workforce", $"http://127.0.0.1:{Suite.Workforce.GrpcPort}", "--caseload", $"http://127.0.0.1:{Suite.Caseload.GrpcPort}",
        "--supervision", $"http://127.0.0.1:{Suite.Supervision.GrpcPort}", "--token", TestTokens.Create([role], [authority]),
    ];

    private static Grpc.Core.Metadata Analyst(string authority) => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));

    private Task<long> RecordedAsync(string authority) =>
        Suite.CountAsync("workforce", $"SELECT COUNT(*) FROM staff_changes WHERE \"Authority\" = '{authority}'");

    private static async Task<string> WriteFileAsync(IEnumerable<string> rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hr-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(path, rows.Prepend(Header), Encoding.UTF8);
        return path;
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Date(Google.Type.Date date) => $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    [GeneratedRegex(@"^line (\d+)", RegexOptions.Multiline)]
    private static partial Regex ReportedLines();
}
