using Google.Protobuf;
using Grpc.Core;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Retention;
using Workforce.Testing;
using Workforce.V1;
using Xunit;
using Xunit.Abstractions;
using CaseloadV1 = Caseload.V1;
using SupervisionV1 = Supervision.V1;

namespace Workforce.IntegrationTests;

/// <summary>
/// The demo council's four years (October 2021 to September 2025) through the public API, then a retention purge with
/// a cutoff in late 2023: the purged rows are gone from every service's database, and every published figure —
/// agency rate and stability at each 30 September, target progress at each month end, the forecast's history,
/// regularity — is byte for byte what it was before.
/// </summary>
public sealed class RetentionTests(RetentionSuiteFixture fixture, ITestOutputHelper output) : IClassFixture<RetentionSuiteFixture>
{
    private const string Authority = "841";

    /// <summary>Years kept, so that the cutoff falls in 2023 whatever year the test runs in.</summary>
    public static readonly int Years = DateTime.UtcNow.Year - 2023;

    private static readonly (string Service, string Table)[] Tables =
    [
        ("workforce", "staff_changes"), ("caseload", "allocation_changes"), ("caseload", "workers"), ("caseload", "alert_episodes"),
        ("supervision", "sessions"), ("supervision", "supervised_staff"), ("supervision", "overdue_episodes"),
    ];

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task A_purge_removes_expired_rows_and_every_published_figure_stays_byte_identical()
    {
        await DeployTool.RunToSuccessAsync("DemoCouncil", "--workforce", $"http://127.0.0.1:{Suite.Workforce.GrpcPort}", "--caseload", $"http://127.0.0.1:{Suite.Caseload.GrpcPort}",
            "--supervision", $"http://127.0.0.1:{Suite.Supervision.GrpcPort}",
            "--token", TestTokens.Create([WorkforceRoles.HrWriter, WorkforceRoles.CaseWriter, WorkforceRoles.SupervisionWriter], [Authority]));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority]));
        var team = (await Suite.StaffRegister().ListStaffAsync(new ListStaffRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 30) }, analyst)).Staff[0].Assignment.Team;
        var before = await SettledFiguresAsync(team, analyst);
        var rows = await RowCountsAsync();
        var listedIn2022 = (await Suite.StaffRegister().ListStaffAsync(new ListStaffRequest { Authority = Authority, AsOf = Requests.Day(2022, 9, 30) }, analyst)).TotalSize;

        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [Authority]));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cutoff = RetentionDates.Cutoff(today, Years);
        var dryRuns = await PurgeEverywhereAsync(operations, dryRun: true);
        Assert.Equal(rows, await RowCountsAsync());
        Assert.Equal(0, await Suite.CountAsync("workforce", "SELECT COUNT(*) FROM frozen_figures"));

        var purges = await PurgeEverywhereAsync(operations, dryRun: false);
        Assert.All(purges.Values, reply =>
        {
            Assert.Equal(Dates.ToProto(cutoff), reply.Cutoff);
            Assert.Equal(Dates.ToProto(RetentionDates.Horizon(cutoff)), reply.Horizon);
        });
        Assert.Equal(dryRuns.Values.Select(Counts), purges.Values.Select(Counts));
        var after = await RowCountsAsync();
        foreach (var (service, table) in Tables)
        {
            var purged = Counts(purges[service]).GetValueOrDefault(table);
            Assert.Equal(rows[(service, table)] - purged, after[(service, table)]);
        }

        // The demo council has leavers, closed cases and supervisees of theirs well before the cutoff.
        Assert.All(new[] { ("workforce", "staff_changes"), ("caseload", "allocation_changes"), ("caseload", "workers"), ("supervision", "sessions"), ("supervision", "supervised_staff") },
            key => Assert.True(rows[key] > after[key], $"{key}: {rows[key]} rows before, {after[key]} after"));
        foreach (var service in Suite.ServiceNames)
        {
            Assert.Equal(purges[service].FiguresFrozen, await Suite.CountAsync(service, "SELECT COUNT(*) FROM frozen_figures"));
            // Frozen figures are aggregates: no staff or case id is kept in them.
            Assert.Equal(0, await Suite.CountAsync(service, "SELECT COUNT(*) FROM frozen_figures WHERE \"Json\" LIKE '%StaffId%' OR \"Json\" LIKE '%CaseId%'"));
        }

        foreach (var (service, table) in Tables)
        {
            output.WriteLine($"{service}.{table}: {rows[(service, table)]} rows before, {after[(service, table)]} after");
        }

        output.WriteLine($"cutoff {cutoff:yyyy-MM-dd}; frozen figures: {string.Join(", ", purges.Select(p => $"{p.Key} {p.Value.FiguresFrozen}"))}");
        var figures = await FiguresAsync(team, analyst);
        output.WriteLine($"{figures.Count} replies compared byte for byte");
        Assert.Equal(before.Keys, figures.Keys);
        Assert.All(before, figure => Assert.True(figure.Value.Span.SequenceEqual(figures[figure.Key].Span), $"{figure.Key} changed"));

        // Worker-level lists before the horizon no longer hold the purged workers.
        Assert.True((await Suite.StaffRegister().ListStaffAsync(new ListStaffRequest { Authority = Authority, AsOf = Requests.Day(2022, 9, 30) }, analyst)).TotalSize < listedIn2022);

        // A date before the horizon that was not frozen, or a scope that is not, is refused and names the horizon.
        var horizon = RetentionDates.Horizon(cutoff).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var request in new[] { new FigureRequest { Authority = Authority, AsOf = Requests.Day(2022, 6, 15) }, new FigureRequest { Authority = Authority, AsOf = Requests.Day(2022, 9, 30), CensusRole = 5 } })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().GetAgencyRateAsync(request, analyst).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains(horizon, refused.Status.Detail);
        }

        // Nothing is left to purge: a second purge changes nothing.
        var again = await PurgeEverywhereAsync(operations, dryRun: false);
        Assert.All(again.Values, reply => Assert.Empty(reply.Purged));
        Assert.Equal(after, await RowCountsAsync());
        Assert.Equal(purges["workforce"].FiguresFrozen, await Suite.CountAsync("workforce", "SELECT COUNT(*) FROM frozen_figures"));
    }

    private static Dictionary<string, int> Counts(PurgeExpiredReply reply) => reply.Purged.ToDictionary(t => t.Table, t => t.Rows);

    private async Task<Dictionary<string, PurgeExpiredReply>> PurgeEverywhereAsync(Metadata operations, bool dryRun)
    {
        var replies = new Dictionary<string, PurgeExpiredReply>();
        foreach (var (service, process) in Suite.ServiceNames.Zip([Suite.Workforce, Suite.Caseload, Suite.Supervision]))
        {
            replies[service] = await new Operations.V1.Retention.RetentionClient(process.CreateChannel())
                .PurgeExpiredAsync(new PurgeExpiredRequest { Authority = Authority, DryRun = dryRun }, operations);
        }

        return replies;
    }

    private async Task<Dictionary<(string, string), long>> RowCountsAsync()
    {
        var counts = new Dictionary<(string, string), long>();
        foreach (var (service, table) in Tables)
        {
            counts[(service, table)] = await Suite.CountAsync(service, $"SELECT COUNT(*) FROM {table}");
        }

        return counts;
    }

    /// <summary>The figures once events have stopped flowing: read twice, a few seconds apart, with nothing left in the outbox.</summary>
    private async Task<Dictionary<string, ReadOnlyMemory<byte>>> SettledFiguresAsync(string team, Metadata analyst) =>
        await Eventually.Get(async () =>
        {
            if (await Suite.WorkforceUnsentCountAsync() > 0)
            {
                return null;
            }

            var first = await FiguresAsync(team, analyst);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var second = await FiguresAsync(team, analyst);
            return first.All(f => f.Value.Span.SequenceEqual(second[f.Key].Span)) ? second : null;
        }, TimeSpan.FromMinutes(3), "the read models to settle");

    /// <summary>Every published figure, as the bytes of its reply.</summary>
    private async Task<Dictionary<string, ReadOnlyMemory<byte>>> FiguresAsync(string team, Metadata analyst)
    {
        var figures = new Dictionary<string, ReadOnlyMemory<byte>>();
        void Add(string name, IMessage reply) => figures[name] = reply.ToByteArray();

        var register = Suite.StaffRegister();
        var caseload = Suite.CaseAllocations();
        var supervision = Suite.SupervisionRecords();
        var (from, to) = (Requests.Day(2021, 10, 31), Requests.Day(2026, 10, 31));
        foreach (var scope in new[] { "", team })
        {
            for (var year = 2021; year <= 2025; year++)
            {
                var sept30 = Requests.Day(year, 9, 30);
                Add($"agency rate {year} '{scope}'", await register.GetAgencyRateAsync(new FigureRequest { Authority = Authority, Team = scope, AsOf = sept30 }, analyst));
                Add($"stability {year} '{scope}'", await register.GetWorkforceStabilityAsync(new FigureRequest { Authority = Authority, Team = scope, AsOf = sept30 }, analyst));
                foreach (var excluding in new[] { false, true })
                {
                    Add($"target progress {year} '{scope}' {excluding}", await caseload.GetTargetProgressAsync(
                        new CaseloadV1.TargetProgressRequest { Authority = Authority, Team = scope, AsOf = sept30, ExcludeLongTermAbsence = excluding }, analyst));
                }

                Add($"regularity {year} '{scope}'", await supervision.GetRegularityAsync(new SupervisionV1.RegularityRequest { Authority = Authority, Team = scope, AsOf = sept30 }, analyst));
            }

            Add($"agency rate series '{scope}'", await register.GetAgencyRateSeriesAsync(new SeriesRequest { Authority = Authority, Team = scope, From = from, To = to }, analyst));
            Add($"stability series '{scope}'", await register.GetWorkforceStabilitySeriesAsync(new SeriesRequest { Authority = Authority, Team = scope, From = from, To = to }, analyst));
            Add($"target progress series '{scope}'", await caseload.GetTargetProgressSeriesAsync(
                new CaseloadV1.TargetProgressSeriesRequest { Authority = Authority, Team = scope, From = from, To = to }, analyst));
            Add($"regularity series '{scope}'", await supervision.GetRegularitySeriesAsync(
                new SupervisionV1.RegularitySeriesRequest { Authority = Authority, Team = scope, From = from, To = to }, analyst));
            Add($"forecast '{scope}'", await caseload.GetCaseloadForecastAsync(
                new CaseloadV1.CaseloadForecastRequest { Authority = Authority, Team = scope, Start = Requests.Day(2025, 9, 30), HorizonMonths = 6, SamplePaths = 200, Seed = 7 }, analyst));
        }

        return figures;
    }
}
