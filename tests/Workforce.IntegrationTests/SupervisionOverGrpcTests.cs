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
