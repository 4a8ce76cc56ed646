using Grpc.Core;
using Supervision.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Staff from the workforce service through the broker, sessions over gRPC, regularity and the overdue list back.</summary>
public sealed class SupervisionOverGrpcTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Authority = "860";

    private Suite Suite => fixture.Suite;

    private static Metadata Analyst => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority]));

    [Fact]
    public async Task A_new_starter_is_due_by_policy_sessions_keep_them_in_date_and_a_leaver_drops_off_the_overdue_list()
    {
        var starter = Requests.Assignment(staffId: "nq-1", from: Requests.Day(2025, 9, 1));
        starter.Assignment.AsyeStart = Requests.Day(2025, 9, 1);
        starter.Assignment.LineManagerStaffId = "tm-1";
        var experienced = Requests.Assignment(staffId: "sw-1", from: Requests.Day(2020, 1, 1));
        experienced.Assignment.LineManagerStaffId = "tm-1";
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, starter, experienced), Suite.Bearer(TestTokens.HrWriter(Authority)));
        await Suite.WaitForReadModelsAsync(Authority, "nq-1");
        await Suite.WaitForReadModelsAsync(Authority, "sw-1");

        // Newly qualified from 1 September: first due a week later. sw-1 has never been supervised: overdue since 2020.
        var overdue = await Overdue(Requests.Day(2025, 9, 9));
        Assert.Equal([("sw-1", "tm-1"), ("nq-1", "tm-1")], overdue.Staff.Select(s => (s.StaffId, s.SupervisorStaffId)));
        Assert.Equal((Requests.Day(2025, 9, 8), 1), (overdue.Staff[1].DueDate, overdue.Staff[1].DaysOverdue));
        var firstPage = await Suite.SupervisionRecords().ListOverdueAsync(new RegularityRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 9), Limit = 1 }, Analyst);
        var secondPage = await Suite.SupervisionRecords().ListOverdueAsync(
            new RegularityRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 9), Limit = 1, PageToken = firstPage.NextPageToken }, Analyst);
        Assert.Equal((2, "sw-1", "nq-1", ""), (firstPage.Total, firstPage.Staff.Single().StaffId, secondPage.Staff.Single().StaffId, secondPage.NextPageToken));

        var reply = await Suite.SupervisionRecords().RecordSessionsAsync(Sessions(
            Session("s1", "nq-1", (2025, 9, 8), 90), Session("s2", "sw-1", (2025, 9, 1), 60, withAction: true)),
            Suite.Bearer(TestTokens.Create([WorkforceRoles.SupervisionWriter], [Authority])));
        Assert.All(reply.Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));

        var regularity = await Suite.SupervisionRecords().GetRegularityAsync(new RegularityRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 12) }, Analyst);
        Assert.Equal((2, 2, 100.0), (regularity.SupervisedStaff, regularity.InDate, regularity.InDatePercent));
        Assert.Equal((2, 1, 1, 1), (regularity.Sessions, regularity.SessionsUnderMinimumMinutes, regularity.SessionsWithActions, regularity.SessionsWithCompleteActions));

        // September's due dates: nq-1 on 8 Sept (met that day) and 15 Sept (missed), sw-1 on 29 Sept (missed).
        var series = await Suite.SupervisionRecords().GetRegularitySeriesAsync(
            new RegularitySeriesRequest { Authority = Authority, From = Requests.Day(2025, 9, 1), To = Requests.Day(2025, 9, 30) }, Analyst);
        var september = Assert.Single(series.Points);
        Assert.Equal((3, 1, 3, 1, 0.0), (september.DueInMonth, september.MetInMonth, september.DueYearToDate, september.MetYearToDate, september.InDatePercent));
        Assert.Equal(Requests.Day(2025, 4, 1), september.YearFrom);

        // sw-1 leaves on 30 September, with supervision due on 29 September: overdue on the 30th, gone from 1 October.
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, new Workforce.V1.StaffChange
        {
            ChangeId = $"{Authority}-leaver",
            StaffId = "sw-1",
            EffectiveDate = Requests.Day(2025, 9, 30),
            Leaver = new Workforce.V1.Leaver(),
        }), Suite.Bearer(TestTokens.HrWriter(Authority)));
        await Suite.WaitForReadModelsAsync(Authority, "sw-1");
        Assert.Contains("sw-1", (await Overdue(Requests.Day(2025, 9, 30))).Staff.Select(s => s.StaffId));
        Assert.DoesNotContain("sw-1", (await Overdue(Requests.Day(2025, 10, 1))).Staff.Select(s => s.StaffId));
    }

    [Fact]
    public async Task A_policy_change_dated_later_changes_due_dates_only_from_then_and_replayed_events_change_nothing()
    {
        const string council = "861";
        var worker = Requests.Assignment(staffId: "sw-2", from: Requests.Day(2020, 1, 1));
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(council, worker), Suite.Bearer(TestTokens.HrWriter(council)));
        await Suite.WaitForReadModelsAsync(council, "sw-2");
        var sessions = new RecordSessionsRequest { Authority = council };
        sessions.Sessions.Add(Session("p1", "sw-2", (2025, 5, 1), 90));
        sessions.Sessions.Add(Session("p2", "sw-2", (2025, 6, 2), 90));
        using var feed = Suite.SupervisionRecords().StreamSessions(Suite.Bearer(TestTokens.Create([WorkforceRoles.SupervisionWriter], [council])));
        await feed.RequestStream.WriteAsync(sessions);
        await feed.RequestStream.CompleteAsync();
        Assert.Equal((1, 2), ((await feed).ChunksCommitted, (await feed).Applied));

        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations, WorkforceRoles.Analyst], [council]));
        var settings = (await Suite.StaffRegister().GetCouncilSettingsAsync(new Workforce.V1.GetCouncilSettingsRequest { Authority = council }, operations)).Settings;
        settings.Supervision.StandardIntervalDays = 21;
        await Suite.StaffRegister().SetCouncilSettingsAsync(
            new Workforce.V1.SetCouncilSettingsRequest { Authority = council, ChangeId = "policy-21", EffectiveFrom = Requests.Day(2025, 6, 1), Settings = settings }, operations);
        await Eventually.True(async () => await Suite.SettingsVersionAsync("supervision", council) is not null, TimeSpan.FromSeconds(30), "supervision to receive the policy");
        // New settings re-send every post too: wait for that, so the answers below see a settled read model.
        await Suite.WaitForReadModelsAsync(council, "sw-2");

        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [council]));
        var request = new SupervisionHistoryRequest { Authority = council, StaffId = "sw-2", From = Requests.Day(2025, 5, 1), To = Requests.Day(2025, 7, 31) };
        var history = await Suite.SupervisionRecords().GetSupervisionHistoryAsync(request, analyst);

        // From 1 May under the old 28 days: due 29 May, missed (next session 2 June). From 2 June under 21 days: due 23 June.
        Assert.Equal([(Requests.Day(2025, 5, 29), false), (Requests.Day(2025, 6, 23), false)], history.DueDates.Select(d => (d.Due, d.Met)));
        Assert.Equal([0, 32], history.Sessions.Select(s => s.HasIntervalDays ? s.IntervalDays : 0));

        // An older version of the post (another role, not registered) and the same version again, then a marker.
        var version = await Suite.WorkforceVersionAsync(council, "sw-2");
        await using var bus = await TestBus.StartAsync(Suite.BrokerUri);
        var stale = new Contracts.AssignmentPeriod(new DateOnly(2020, 1, 1), null, "other", 2, Contracts.ContractType.Agency, 0.5m, false, false);
        await bus.PublishAsync(new Contracts.StaffMemberChanged(council, "sw-2", version - 1, DateTimeOffset.UtcNow, [stale]), Guid.NewGuid());
        await bus.PublishAsync(new Contracts.StaffMemberChanged(council, "sw-2", version, DateTimeOffset.UtcNow, [stale]), Guid.NewGuid());
        await bus.PublishAsync(new Contracts.StaffMemberChanged("862", "marker", 1, DateTimeOffset.UtcNow, [stale]), Guid.NewGuid());
        await Suite.WaitForReadModelsAsync("862", "marker", 1);

        Assert.Equal(history, await Suite.SupervisionRecords().GetSupervisionHistoryAsync(request, analyst));
    }

    [Fact]
    public async Task Overdue_supervision_is_alerted_once_per_episode()
    {
        const string council = "863";
        await using var bus = await TestBus.StartAsync(Suite.BrokerUri);
        var worker = Requests.Assignment(staffId: "sw-late", from: Requests.Day(2020, 1, 1));
        worker.Assignment.LineManagerStaffId = "tm-9";
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(council, worker), Suite.Bearer(TestTokens.HrWriter(council)));

        // Never supervised since starting in 2020: overdue since 29 January 2020.
        var alert = await Eventually.Get(
            () => Task.FromResult(bus.Received.OfType<Contracts.SupervisionOverdue>().FirstOrDefault(a => a.Authority == council)),
            TimeSpan.FromSeconds(30), "an overdue alert");
        Assert.Equal(("sw-late", "tm-9", new DateOnly(2020, 1, 29)), (alert.StaffId, alert.SupervisorStaffId, alert.DueDate));

        // Several more scans pass (one a second) without a second alert for the same episode.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(bus.Received.OfType<Contracts.SupervisionOverdue>(), a => a.Authority == council);
    }

    [Fact]
    public async Task Invalid_sessions_are_rejected_field_by_field()
    {
        var self = Session("bad-1", "sw-9", (2025, 9, 1), 0);
        self.SupervisorStaffId = "sw-9";
        var future = Session("bad-2", "sw-9", (2099, 1, 1), 2000);
        future.Kind = SessionKind.Unspecified;

        var error = await Assert.ThrowsAsync<RpcException>(() => Suite.SupervisionRecords().RecordSessionsAsync(
            Sessions(self, future), Suite.Bearer(TestTokens.Create([WorkforceRoles.SupervisionWriter], [Authority]))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["sessions[0].supervisor_staff_id", "sessions[0].minutes", "sessions[1].date", "sessions[1].minutes", "sessions[1].kind"],
            error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
    }

    private async Task<OverdueReply> Overdue(Google.Type.Date day) =>
        await Suite.SupervisionRecords().ListOverdueAsync(new RegularityRequest { Authority = Authority, AsOf = day }, Analyst);

    private static RecordSessionsRequest Sessions(params Session[] sessions)
    {
        var request = new RecordSessionsRequest { Authority = Authority };
        request.Sessions.AddRange(sessions);
        return request;
    }

    private static Session Session(string id, string supervisee, (int Y, int M, int D) date, int minutes, bool withAction = false)
    {
        var session = new Session
        {
            SessionId = id,
            SuperviseeStaffId = supervisee,
            SupervisorStaffId = "tm-1",
            Date = Requests.Day(date.Y, date.M, date.D),
            Minutes = minutes,
            Kind = SessionKind.Individual,
        };
        if (withAction)
        {
            session.Actions.Add(new SessionAction { OwnerStaffId = supervisee, DueDate = Requests.Day(date.Y, date.M, date.D + 7), CaseId = "case-860-1" });
        }

        return session;
    }
}
