using Caseload.V1;
using Grpc.Core;
using Operations.V1;
using Supervision.V1;
using Workforce.Offboard;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>PostgreSQL, with short retries so a poisoned message reaches <c>_error</c> in about a second.</summary>
public sealed class PostgresShortRetrySuiteFixture() : SuiteFixture(new SuiteOptions { Storage = Storage.Postgres, RetryInterval = TimeSpan.FromMilliseconds(300) });

/// <summary>
/// Issue 8: offboarding one council deletes its data from every table of every service and from the <c>_error</c> queues,
/// leaves the other council's figures untouched, and nothing late brings it back.
/// </summary>
public sealed class OffboardingTests(PostgresShortRetrySuiteFixture fixture) : IClassFixture<PostgresShortRetrySuiteFixture>
{
    private const string Leaving = "881";
    private const string Staying = "882";
    private const string ErrorQueue = "caseload-staff-member-changed_error";

    private static readonly Google.Type.Date AsOf = Requests.Day(2025, 9, 30);

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task Offboarding_a_council_deletes_it_everywhere_keeps_the_other_identical_and_nothing_late_recreates_it()
    {
        // The caseload database refuses the "poison" posts, so one event of each council ends in _error.
        await Suite.ExecuteAsync("caseload", """
            CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused for council %', NEW."Authority"; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER poison BEFORE INSERT ON workers FOR EACH ROW WHEN (NEW."StaffId" LIKE 'poison-%') EXECUTE FUNCTION refuse_poison();
            """);
        await LoadCouncilAsync(Leaving);
        await LoadCouncilAsync(Staying);
        var faulted = await Eventually.Get(
            async () => (await Suite.DeadLetters(Suite.Caseload).ListErrorMessagesAsync(new ListErrorMessagesRequest(), Operations(Leaving, Staying))).Messages is { Count: 2 } m ? m : null,
            TimeSpan.FromSeconds(30), "one poisoned event of each council in _error");
        var stayingFault = Assert.Single(faulted, m => m.ExceptionMessage.Contains("council " + Staying, StringComparison.Ordinal));

        // Hand-worked for each council: employed 1.0 + 0.5 FTE, agency 1.0 → 40%; 4 + 2 + 3 cases over 2.5 FTE → 3.6;
        // sessions on 20 September for the two employed, none for the agency worker since 2020 → 2 of 3 in date.
        var figuresBefore = await FiguresAsync(Staying);
        Assert.Equal((40.0, 3.6, 2, 3), (Math.Round(figuresBefore.Agency.RateByFtePercent, 6), Math.Round(figuresBefore.Progress.Unadjusted.AverageCaseload, 6),
            figuresBefore.Regularity.InDate, figuresBefore.Regularity.SupervisedStaff));
        var scan = CouncilDataScan.Postgres(Suite.PostgresDatabaseNames.ToDictionary(d => d.Key, d => PostgresDatabases.ConnectionString(d.Value)));
        var before = await scan.ScanAsync(Leaving);
        foreach (var (service, table) in new[]
                 {
                     ("workforce", "staff_changes"), ("workforce", "outbox"), ("caseload", "workers"), ("caseload", "worker_periods"),
                     ("caseload", "allocation_changes"), ("caseload", "council_settings"), ("caseload", "inbox"), ("supervision", "supervised_staff"),
                     ("supervision", "sessions"), ("supervision", "council_settings"), ("supervision", "inbox"),
                 })
        {
            Assert.True(before.Single(t => t.Service == service && t.Table == table).Rows > 0, $"{service}.{table} holds the council before");
        }

        // Only the migrations' own table has no Authority column, so every other table is searched by it.
        Assert.Equal(["__EFMigrationsHistory"], before.Where(t => !t.HasAuthorityColumn).Select(t => t.Table).Distinct());

        // A dry run and a refused call change nothing.
        var dryRun = await Suite.Councils(Suite.Caseload).OffboardCouncilAsync(
            new OffboardCouncilRequest { Authority = Leaving, ConfirmAuthority = Leaving, DryRun = true }, Operations(Leaving));
        var mistyped = await Assert.ThrowsAsync<RpcException>(() => Suite.Councils(Suite.Workforce).OffboardCouncilAsync(
            new OffboardCouncilRequest { Authority = Leaving, ConfirmAuthority = Staying }, Operations(Leaving)).ResponseAsync);
        var otherCouncil = await Assert.ThrowsAsync<RpcException>(() => Suite.Councils(Suite.Workforce).OffboardCouncilAsync(
            new OffboardCouncilRequest { Authority = Leaving, ConfirmAuthority = Leaving }, Operations(Staying)).ResponseAsync);
        Assert.Equal(5, dryRun.Stores.Single(s => s.Name == "workers").Count);
        Assert.Equal(1, dryRun.Stores.Single(s => s.Kind == "error_queue" && s.Name == ErrorQueue).Count);
        Assert.Null(dryRun.OffboardedAt);
        Assert.Equal(StatusCode.InvalidArgument, mistyped.StatusCode);
        Assert.Equal("confirm_authority", Assert.Single(mistyped.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations).Field);
        Assert.Equal(StatusCode.PermissionDenied, otherCouncil.StatusCode);
        Assert.Equal(Rows(before), Rows(await scan.ScanAsync(Leaving)));

        var report = await OffboardRun.RunAsync(new OffboardOptions(
            Leaving, [("workforce", Suite.Workforce.GrpcAddress), ("caseload", Suite.Caseload.GrpcAddress), ("supervision", Suite.Supervision.GrpcAddress)],
            TestTokens.Create([WorkforceRoles.Operations], [Leaving]), scan, DryRun: false), _ => { });

        Assert.Equal(0, report.Remaining);
        Assert.EndsWith("remaining: 0", report.Format());
        var queue = Assert.Single(report.Lines, l => l.Service == "caseload" && l.Store == ErrorQueue);
        Assert.Equal((1L, 0L), (queue.Before, queue.After));
        await AssertGoneAsync(scan, "workforce", "caseload", "supervision");
        var left = (await Suite.DeadLetters(Suite.Caseload).ListErrorMessagesAsync(new ListErrorMessagesRequest(), Operations(Staying))).Messages;
        Assert.Equal(stayingFault.MessageId, Assert.Single(left).MessageId);
        Assert.Equal(figuresBefore, await FiguresAsync(Staying));
        Assert.True((await scan.ScanAsync(Staying)).Where(t => t.Table is "staff_changes" or "workers" or "sessions" or "allocation_changes").All(t => t.Rows > 0));

        // Late writes for the council are refused, in every service.
        var late = new[]
        {
            Refused(Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Leaving, Requests.Assignment()), Suite.Bearer(TestTokens.HrWriter(Leaving))).ResponseAsync),
            Refused(Suite.CaseAllocations().RecordAllocationChangesAsync(Allocations(Leaving, Requests.OpenCase(Leaving, 99, "sw-late", AsOf)), Writer(WorkforceRoles.CaseWriter, Leaving)).ResponseAsync),
            Refused(Suite.SupervisionRecords().RecordSessionsAsync(Sessions(Leaving, Session(Leaving, "late", "sw-late")), Writer(WorkforceRoles.SupervisionWriter, Leaving)).ResponseAsync),
            Refused(Suite.ReadModels(Suite.Caseload).RebuildReadModelAsync(new RebuildReadModelRequest { Authority = Leaving }, Operations(Leaving)).ResponseAsync),
        };
        Assert.All(await Task.WhenAll(late), code => Assert.Equal(StatusCode.FailedPrecondition, code));

        // A late event: the workforce service alone is re-onboarded and publishes a post; the others, still offboarded, drop it.
        var lifted = await Suite.Councils(Suite.Workforce).LiftOffboardingAsync(new LiftOffboardingRequest { Authority = Leaving, ConfirmAuthority = Leaving }, Operations(Leaving));
        Assert.True(lifted.Lifted);
        var rehired = await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Leaving, Requests.Assignment()), Suite.Bearer(TestTokens.HrWriter(Leaving)));
        Assert.Equal(V1.ChangeStatus.Applied, Assert.Single(rehired.Results).Status);
        foreach (var service in new[] { Suite.Caseload, Suite.Supervision })
        {
            await Eventually.True(() => Task.FromResult(service.Output.Contains($"authority {Leaving} is offboarded", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), $"{service.Service} to drop the late event");
        }

        await AssertGoneAsync(scan, "caseload", "supervision");
    }

    private async Task AssertGoneAsync(CouncilDataScan scan, params string[] services)
    {
        foreach (var table in (await scan.ScanAsync(Leaving)).Where(t => services.Contains(t.Service)))
        {
            Assert.True(table.Rows == (table.IsTombstone ? 1 : 0), $"{table.Service}.{table.Table} holds {table.Rows} rows of {Leaving}");
        }
    }

    private static List<(string, string, long)> Rows(IEnumerable<ScannedTable> tables) => tables.Select(t => (t.Service, t.Table, t.Rows)).ToList();

    /// <summary>
    /// Two employed workers and an agency one, two unregistered posts (in no figure), settings, nine cases and two sessions;
    /// then a post the caseload database refuses. The unregistered posts keep the share of failing events under the kill
    /// switch's threshold, which would otherwise pause the queue.
    /// </summary>
    private async Task LoadCouncilAsync(string authority)
    {
        var agency = Requests.CaseHoldingWorker(authority, 2, fte: 1.0);
        agency.Assignment.Contract = V1.ContractType.Agency;
        agency.Assignment.CoverReason = CoverReason.Vacancy;
        var workers = new[] { Requests.CaseHoldingWorker(authority, 0, fte: 1.0), Requests.CaseHoldingWorker(authority, 1, fte: 0.5), agency };
        var unregistered = Enumerable.Range(0, 2).Select(i => Unregistered($"admin-{authority}-{i}")).ToArray();
        var hr = Suite.Bearer(TestTokens.HrWriter(authority));
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, [.. workers, .. unregistered]), hr);
        var settings = (await Suite.StaffRegister().GetCouncilSettingsAsync(new GetCouncilSettingsRequest { Authority = authority }, Analyst(authority))).Settings;
        settings.LongTermAbsenceDays = 35;
        await Suite.StaffRegister().SetCouncilSettingsAsync(
            new SetCouncilSettingsRequest { Authority = authority, ChangeId = $"settings-{authority}", EffectiveFrom = Requests.Day(2025, 4, 1), Settings = settings },
            Operations(authority));
        foreach (var post in workers.Concat(unregistered))
        {
            await Suite.WaitForReadModelsAsync(authority, post.StaffId);
        }

        var cases = new[] { 0, 0, 0, 0, 1, 1, 2, 2, 2 }.Select((w, i) => Requests.OpenCase(authority, i, workers[w].StaffId, Requests.Day(2025, 4, 1))).ToArray();
        await Suite.CaseAllocations().RecordAllocationChangesAsync(Allocations(authority, cases), Writer(WorkforceRoles.CaseWriter, authority));
        await Suite.SupervisionRecords().RecordSessionsAsync(
            Sessions(authority, Session(authority, "s0", workers[0].StaffId), Session(authority, "s1", workers[1].StaffId)), Writer(WorkforceRoles.SupervisionWriter, authority));
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, Unregistered($"poison-{authority}")), hr);
    }

    private static V1.StaffChange Unregistered(string staffId)
    {
        var post = Requests.Assignment(staffId: staffId);
        post.Assignment.Registered = false;
        return post;
    }

    private async Task<(AgencyRateReply Agency, TargetProgressReply Progress, RegularityReply Regularity)> FiguresAsync(string authority)
    {
        var agency = await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = authority, AsOf = AsOf }, Analyst(authority));
        var progress = await Suite.CaseAllocations().GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = AsOf }, Analyst(authority));
        var regularity = await Suite.SupervisionRecords().GetRegularityAsync(new RegularityRequest { Authority = authority, AsOf = AsOf }, Analyst(authority));
        return (agency, progress, regularity);
    }

    private static async Task<StatusCode> Refused(Task call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => call);
        return refused.StatusCode;
    }

    private static RecordAllocationChangesRequest Allocations(string authority, params Caseload.V1.AllocationChange[] changes)
    {
        var request = new RecordAllocationChangesRequest { Authority = authority };
        request.Changes.AddRange(changes);
        return request;
    }

    private static RecordSessionsRequest Sessions(string authority, params Session[] sessions)
    {
        var request = new RecordSessionsRequest { Authority = authority };
        request.Sessions.AddRange(sessions);
        return request;
    }

    private static Session Session(string authority, string id, string supervisee) => new()
    {
        SessionId = $"{authority}-{id}",
        SuperviseeStaffId = supervisee,
        SupervisorStaffId = $"tm-{authority}",
        Date = Requests.Day(2025, 9, 20),
        Minutes = 90,
        Kind = SessionKind.Individual,
    };

    private static Metadata Operations(params string[] authorities) => Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], authorities));

    private static Metadata Analyst(string authority) => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));

    private static Metadata Writer(string role, string authority) => Suite.Bearer(TestTokens.Create([role], [authority]));
}
