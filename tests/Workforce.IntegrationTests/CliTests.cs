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

        // A batch the killed process had already sent may still commit: count once the count has stopped moving.
        var recordedBefore = await RecordedAsync(authority);
        for (long settled = -1; settled != recordedBefore;)
        {
            settled = recordedBefore;
            await Task.Delay(TimeSpan.FromSeconds(2));
            recordedBefore = await RecordedAsync(authority);
        }

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

    [Fact]
    public async Task Reconcile_finds_the_planted_differences_and_applying_closes_them()
    {
        const string authority = "882";
        var examples = Path.Combine(RepositoryPaths.Root, "deploy", "Cli", "examples");
        await DeployTool.RunToSuccessAsync("Cli", [.. Target(authority), "import", "hr", Path.Combine(examples, "itrent-export.csv"),
            "--authority", authority, "--mapping", Path.Combine(examples, "itrent-mapping.json")]);
        // The HR list on 30 September: P-1001 now at 0.8 FTE, P-1004 gone from it, P-1005 new to the register.
        var list = Path.Combine(Path.GetTempPath(), $"posts-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(list,
        [
            "post_id,person_id,role,team,fte,contract,case_holding,registered,line_manager_post_id",
            "P-1001,E-501,4,assessment-1,0.8,employed,Y,Y,P-1003",
            "P-1003,E-503,3,assessment-1,1,employed,N,Y,",
            "P-1005,E-505,5,assessment-1,1,employed,Y,Y,P-1003",
        ]);
        string[] reconcile = [.. Target(authority, WorkforceRoles.Analyst), "reconcile", list, "--authority", authority, "--as-of", "2025-09-30"];

        var (found, report, _) = await DeployTool.RunAsync("Cli", reconcile);
        var applied = await DeployTool.RunToSuccessAsync("Cli",
        [
            .. Target(authority, WorkforceRoles.Analyst, WorkforceRoles.HrWriter), "reconcile", list, "--authority", authority, "--as-of", "2025-09-30", "--apply",
        ]);
        var after = await DeployTool.RunToSuccessAsync("Cli", reconcile);

        Assert.Equal(1, found);
        Assert.Contains("3 posts in the HR list, 3 in post in the register, 3 difference(s).", report);
        Assert.Contains("P-1001: assignment.fte HR '0.8', register '1'", report);
        Assert.Contains("P-1004: in post in the register, not in the HR list", report);
        Assert.Contains("P-1005: in the HR list, not in post in the register", report);
        Assert.Contains("Applied: 3 change(s) recorded", applied);
        Assert.Contains("0 difference(s).", after);
    }

    [Fact]
    public async Task A_census_return_exported_and_imported_into_an_empty_council_gives_the_same_figures_and_the_same_return()
    {
        const string source = "879";
        const string copy = "8790";
        var writer = Suite.Bearer(TestTokens.HrWriter(source));
        foreach (var batch in SyntheticCouncil(source).Chunk(500))
        {
            await Suite.StaffRegister().RecordStaffChangesAsync(new RecordStaffChangesRequest { Authority = source, Changes = { batch } }, writer);
        }

        // Twelve cases held on 30 September by the planted worker, for the return's Cases30.
        await Suite.WaitForReadModelsAsync(source, "cen-planted");
        var cases = new Caseload.V1.RecordAllocationChangesRequest { Authority = source };
        cases.Changes.AddRange(Enumerable.Range(0, 12).Select(i => Requests.OpenCase(source, i, "cen-planted", Requests.Day(2025, 3, 1))));
        await new CaseAllocations.CaseAllocationsClient(Suite.Caseload.CreateChannel()).RecordAllocationChangesAsync(cases, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [source])));

        var exported = Path.Combine(Path.GetTempPath(), $"census-{Guid.NewGuid():N}.xml");
        var reexported = Path.Combine(Path.GetTempPath(), $"census-{Guid.NewGuid():N}.xml");
        var export = await DeployTool.RunAsync("Cli", [.. Target(source, WorkforceRoles.Analyst), "export", "census", "--authority", source, "--year", "2025", "--out", exported]);
        string[] importCensus = [.. Target(copy, WorkforceRoles.HrWriter, WorkforceRoles.CaseWriter), "import", "census", exported, "--authority", copy];
        var import = await DeployTool.RunToSuccessAsync("Cli", importCensus);
        var again = await DeployTool.RunToSuccessAsync("Cli", importCensus);
        await DeployTool.RunAsync("Cli", [.. Target(copy, WorkforceRoles.Analyst), "export", "census", "--authority", copy, "--year", "2025", "--out", reexported]);

        // The planted breaches are reported, and the return is written all the same.
        Assert.Equal(1, export.ExitCode);
        Assert.Contains("worker cen-planted, swe_number: a registered social worker with no Social Work England number", export.Errors);
        Assert.Contains("worker cen-001, leaving_reason: left on 2025-06-30 with no reason for leaving recorded", export.Errors);
        Assert.Contains("already held 0,", import);
        Assert.Contains("applied 0,", again);
        var day = Requests.Day(2025, 9, 30);
        var (agencyBefore, stabilityBefore) = await FiguresAsync(source, day);
        var (agencyAfter, stabilityAfter) = await FiguresAsync(copy, day);
        Assert.True(stabilityBefore.LeaversHeadcount >= 3 && agencyBefore.AgencyHeadcount > 5 && stabilityBefore.WorkingDaysLostToSickness > 0, stabilityBefore.ToString());
        Assert.Equal(
            (agencyBefore.AgencyFte, agencyBefore.EmployedFte, agencyBefore.AgencyHeadcount, agencyBefore.EmployedHeadcount, agencyBefore.RateByFtePercent),
            (agencyAfter.AgencyFte, agencyAfter.EmployedFte, agencyAfter.AgencyHeadcount, agencyAfter.EmployedHeadcount, agencyAfter.RateByFtePercent));
        Assert.Equal(
            (stabilityBefore.LeaversFte, stabilityBefore.LeaversHeadcount, stabilityBefore.TurnoverRatePercent, stabilityBefore.StartersHeadcount,
                stabilityBefore.VacancyFte, stabilityBefore.VacancyRatePercent, stabilityBefore.WorkingDaysLostToSickness, stabilityBefore.AbsenceRatePercent),
            (stabilityAfter.LeaversFte, stabilityAfter.LeaversHeadcount, stabilityAfter.TurnoverRatePercent, stabilityAfter.StartersHeadcount,
                stabilityAfter.VacancyFte, stabilityAfter.VacancyRatePercent, stabilityAfter.WorkingDaysLostToSickness, stabilityAfter.AbsenceRatePercent));
        Assert.Equal(ReturnBody(exported), ReturnBody(reexported));

        // The cases reported in the return stand beside the copy's allocation-derived figure (it has no allocations).
        Assert.Contains("<Cases30>12</Cases30>", await File.ReadAllTextAsync(exported));
        var progress = await new CaseAllocations.CaseAllocationsClient(Suite.Caseload.CreateChannel())
            .GetTargetProgressAsync(new TargetProgressRequest { Authority = copy, AsOf = day }, Analyst(copy));
        var planted = await Suite.StaffRegister().GetStaffMemberAsync(new GetStaffMemberRequest { Authority = source, StaffId = "cen-planted", AsOf = day }, Analyst(source));
        Assert.Equal(("DfE census 2025", 12, 1, planted.Assignment.Fte, 0), (progress.Reported.Source, progress.Reported.Cases, progress.Reported.CaseHoldingWorkers, progress.Reported.CaseHoldingFte, progress.Unadjusted.Cases));
        Assert.Equal(12 / planted.Assignment.Fte, progress.Reported.AverageCaseload, 9);
    }

    /// <summary>
    /// 120 synthetic posts over 2019–2025: employed and agency, leavers with and without a reason, moves to agency work and
    /// between posts of one person, unregistered staff, sickness inside the year and absence on 30 September.
    /// </summary>
    private static IEnumerable<StaffChange> SyntheticCouncil(string authority)
    {
        var random = new Random(2025);
        var first = new DateOnly(2019, 1, 1);
        double[] ftes = [0.5, 0.6, 0.8, 1.0];
        for (var team = 0; team < 3; team++)
        {
            yield return new StaffChange { ChangeId = $"{authority}-est-{team}", EffectiveDate = Requests.Day(2023, 1, 1), Establishment = new Establishment { Team = $"team-{team}", FundedFte = 30 } };
        }

        for (var i = 0; i < 120; i++)
        {
            var staffId = i == 0 ? "cen-planted" : $"cen-{i:000}";
            var person = $"person-{i:000}";
            var swe = i == 0 ? "" : $"SW{10000 + i}";
            // Two planted breaches: a worker with no SWE number in post, and an employed leaver in the year with no reason.
            var planted = i < 2;
            var start = planted ? new DateOnly(2021, 1, 1) : first.AddDays(random.Next(0, 2400));
            var agency = !planted && random.NextDouble() < 0.2;
            var assignment = new Assignment
            {
                Team = $"team-{i % 3}", CensusRole = random.NextDouble() < 0.7 ? 5 : random.Next(1, 7), Registered = planted || random.NextDouble() > 0.05, SweNumber = swe,
                Contract = agency ? ContractType.Agency : ContractType.Employed, Fte = ftes[random.Next(ftes.Length)], CaseHolding = true,
            };
            yield return Change(authority, staffId, person, start, "start", c => c.Assignment = assignment);
            var roll = random.NextDouble();
            if (planted)
            {
                if (i == 1)
                {
                    yield return Change(authority, staffId, person, new DateOnly(2025, 6, 30), "leaver", c => c.Leaver = new Leaver());
                }
            }
            else if (roll < 0.3)
            {
                var lastDay = start.AddDays(random.Next(30, 900));
                yield return Change(authority, staffId, person, lastDay, "leaver", c => c.Leaver = new Leaver { Reason = random.NextDouble() < 0.7 ? "resigned" : "" });
                if (roll < 0.08)
                {
                    // A move: the same person in a new post from the next day.
                    var moved = assignment.Clone();
                    moved.Team = $"team-{(i + 1) % 3}";
                    yield return Change(authority, staffId + "-b", person, lastDay.AddDays(1), "start", c => c.Assignment = moved);
                }
            }
            else if (roll < 0.4 && !agency)
            {
                var toAgency = assignment.Clone();
                toAgency.Contract = ContractType.Agency;
                yield return Change(authority, staffId, person, start.AddDays(random.Next(30, 900)), "agency", c => c.Assignment = toAgency);
            }

            if (random.NextDouble() < 0.3)
            {
                var sick = new DateOnly(2024, 10, 1).AddDays(random.Next(0, 350));
                var days = random.Next(1, 10);
                yield return Change(authority, staffId, person, sick, "sick", c => c.Absence = new Absence
                {
                    LastDay = Requests.Day(sick.AddDays(days - 1).Year, sick.AddDays(days - 1).Month, sick.AddDays(days - 1).Day), Reason = AbsenceReason.Sickness, WorkingDaysLost = days,
                });
            }

            if (random.NextDouble() < 0.05)
            {
                yield return Change(authority, staffId, person, new DateOnly(2025, 9, 20), "away", c => c.Absence = new Absence { Reason = AbsenceReason.Other });
            }
        }
    }

    private static StaffChange Change(string authority, string staffId, string person, DateOnly day, string kind, Action<StaffChange> set)
    {
        var change = new StaffChange { ChangeId = $"{authority}-{staffId}-{kind}", StaffId = staffId, PersonId = person, EffectiveDate = Requests.Day(day.Year, day.Month, day.Day) };
        set(change);
        return change;
    }

    private async Task<(AgencyRateReply Agency, WorkforceStabilityReply Stability)> FiguresAsync(string authority, Google.Type.Date day)
    {
        var request = new FigureRequest { Authority = authority, AsOf = day };
        return (await Suite.StaffRegister().GetAgencyRateAsync(request, Analyst(authority)), await Suite.StaffRegister().GetWorkforceStabilityAsync(request, Analyst(authority)));
    }

    /// <summary>The return without its header (which names the council) or cases (the caseload service holds none here).</summary>
    private static string ReturnBody(string path)
    {
        var document = System.Xml.Linq.XDocument.Load(path);
        document.Root!.Element("Header")!.Remove();
        System.Xml.Linq.Extensions.Remove(document.Root.Descendants("Cases30"));
        return document.ToString();
    }

    /// <summary>Where the services are, and a token for the council with the roles (hr-writer when none are named).</summary>
    private string[] Target(string authority, params string[] roles) =>
    [
        "--workforce", $"http://127.0.0.1:{Suite.Workforce.GrpcPort}", "--caseload", $"http://127.0.0.1:{Suite.Caseload.GrpcPort}",
        "--supervision", $"http://127.0.0.1:{Suite.Supervision.GrpcPort}", "--token", TestTokens.Create(roles.Length > 0 ? roles : [WorkforceRoles.HrWriter], [authority]),
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
