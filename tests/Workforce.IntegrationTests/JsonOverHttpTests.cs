using System.Net;
using Caseload.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Supervision.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// The JSON/HTTP face of the services (gRPC JSON transcoding on the HTTP/1.1 listener), against the real processes:
/// the same answers as gRPC, writes that reach the register and the read models, and gRPC's errors as HTTP statuses.
/// </summary>
public sealed class JsonOverHttpTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task JSON_queries_answer_exactly_what_gRPC_answers_for_agency_rate_target_progress_regularity_and_forecast()
    {
        const string authority = "872";
        var analyst = TestTokens.Create([WorkforceRoles.Analyst], [authority]);
        await SeedAsync(authority);

        var asOf = Requests.Day(2025, 9, 30);
        const string date = "asOf.year=2025&asOf.month=9&asOf.day=30";
        var rate = await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = authority, AsOf = asOf }, Suite.Bearer(analyst));
        var progress = await Suite.CaseAllocations().GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = asOf }, Suite.Bearer(analyst));
        var regularity = await Suite.SupervisionRecords().GetRegularityAsync(new RegularityRequest { Authority = authority, AsOf = asOf }, Suite.Bearer(analyst));
        var forecast = await Suite.CaseAllocations().GetCaseloadForecastAsync(
            new CaseloadForecastRequest { Authority = authority, Start = asOf, HorizonMonths = 3, SamplePaths = 100, Seed = 7 }, Suite.Bearer(analyst));

        // By hand: agency 0.5 FTE of 0.5 + 1.5 employed = 25%; 15 cases over 1.5 case-holding FTE = 10; one of three supervised in date.
        Assert.Equal((25.0, 15, 10.0), (rate.RateByFtePercent, progress.Unadjusted.Cases, progress.Unadjusted.AverageCaseload));
        Assert.Equal((3, 1), (regularity.SupervisedStaff, regularity.InDate));

        Assert.Equal(rate, await JsonHttp.GetAsync<AgencyRateReply>(Suite.Workforce, $"/v1/authorities/{authority}/agency-rate?{date}", analyst));
        Assert.Equal(progress, await JsonHttp.GetAsync<TargetProgressReply>(Suite.Caseload, $"/v1/authorities/{authority}/target-progress?{date}", analyst));
        Assert.Equal(regularity, await JsonHttp.GetAsync<RegularityReply>(Suite.Supervision, $"/v1/authorities/{authority}/supervision-regularity?{date}", analyst));
        Assert.Equal(forecast, await JsonHttp.GetAsync<CaseloadForecastReply>(Suite.Caseload,
            $"/v1/authorities/{authority}/caseload-forecast?start.year=2025&start.month=9&start.day=30&horizonMonths=3&samplePaths=100&seed=7", analyst));
    }

    [Fact]
    public async Task A_JSON_POST_of_staff_changes_is_recorded_seen_over_gRPC_and_reaches_the_caseload_read_model()
    {
        const string authority = "873";
        var writer = TestTokens.HrWriter(authority);
        const string body = """
            {"changes": [{"changeId": "json-873-1", "staffId": "json-1", "effectiveDate": {"year": 2025, "month": 4, "day": 1},
              "assignment": {"team": "t1", "censusRole": 5, "registered": true, "contract": "CONTRACT_TYPE_EMPLOYED", "fte": 0.6, "caseHolding": true}}]}
            """;

        var first = await JsonHttp.PostAsync(Suite.Workforce, $"/v1/authorities/{authority}/staff-changes:record", body, writer);
        var again = await JsonHttp.PostAsync(Suite.Workforce, $"/v1/authorities/{authority}/staff-changes:record", body, writer);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(V1.ChangeStatus.Applied, JsonHttp.Parser.Parse<RecordStaffChangesReply>(first.Body).Results.Single().Status);
        Assert.Equal(V1.ChangeStatus.Duplicate, JsonHttp.Parser.Parse<RecordStaffChangesReply>(again.Body).Results.Single().Status);
        var member = await Suite.StaffRegister().GetStaffMemberAsync(
            new GetStaffMemberRequest { Authority = authority, StaffId = "json-1", AsOf = Requests.Day(2025, 6, 1) },
            Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority])));
        Assert.Equal((true, 0.6), (member.InPost, member.Assignment.Fte));
        await Suite.WaitForReadModelsAsync(authority, "json-1");
        Assert.Equal(600_000, await Suite.CaseloadFteOnAsync(authority, "json-1", new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public async Task A_bad_JSON_body_is_400_with_field_violations_and_records_nothing()
    {
        const string authority = "874";
        var writer = TestTokens.HrWriter(authority);
        var path = $"/v1/authorities/{authority}/staff-changes:record";

        var invalid = await JsonHttp.PostAsync(Suite.Workforce, path, """
            {"changes": [{"changeId": "bad-1", "staffId": "json-bad", "effectiveDate": {"year": 2025, "month": 2, "day": 30},
              "assignment": {"team": "t1", "censusRole": 9, "contract": "CONTRACT_TYPE_EMPLOYED", "fte": 3}}]}
            """, writer);
        var unreadable = await JsonHttp.PostAsync(Suite.Workforce, path, """{"changes": [{"changeId": 1, "staffId": "json-bad" """, writer);
        var badQuery = await JsonHttp.GetRawAsync(Suite.Workforce, $"/v1/authorities/{authority}/agency-rate?asOf.year=2025&asOf.month=13&asOf.day=1&censusRole=9",
            TestTokens.Create([WorkforceRoles.Analyst], [authority]));

        Assert.All(new[] { invalid, unreadable, badQuery }, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.Status));
        Assert.Equal(["changes[0].effective_date", "changes[0].assignment.census_role", "changes[0].assignment.fte"], JsonHttp.Violations(invalid.Body));
        Assert.Equal(["request"], JsonHttp.Violations(unreadable.Body));
        Assert.Equal(["census_role", "as_of"], JsonHttp.Violations(badQuery.Body));
        Assert.Equal(0, await Suite.WorkforceChangeCountAsync(authority, "json-bad"));
    }

    [Fact]
    public async Task No_token_is_401_and_a_wrong_role_or_council_is_403_with_the_status_in_the_body()
    {
        const string authority = "875";
        var rate = $"/v1/authorities/{authority}/agency-rate";
        var record = $"/v1/authorities/{authority}/staff-changes:record";
        const string body = """{"changes": [{"changeId": "auth-1", "staffId": "json-auth", "effectiveDate": {"year": 2025, "month": 4, "day": 1}, "leaver": {}}]}""";

        var anonymousRead = await JsonHttp.GetRawAsync(Suite.Workforce, rate, token: null);
        var anonymousWrite = await JsonHttp.PostAsync(Suite.Workforce, record, body, token: null);
        var analystWrites = await JsonHttp.PostAsync(Suite.Workforce, record, body, TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        var writerReads = await JsonHttp.GetRawAsync(Suite.Workforce, rate, TestTokens.HrWriter(authority));
        var otherCouncil = await JsonHttp.GetRawAsync(Suite.Workforce, rate, TestTokens.Create([WorkforceRoles.Analyst], ["840"]));
        var status = JsonHttp.Parser.Parse<Google.Rpc.Status>(otherCouncil.Body);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { anonymousRead, anonymousWrite, analystWrites, writerReads, otherCouncil }.Select(r => r.Status));
        Assert.Equal(((int)Code.PermissionDenied, $"The caller may not act for authority '{authority}'."), (status.Code, status.Message));
        Assert.Equal(0, await Suite.WorkforceChangeCountAsync(authority, "json-auth"));
    }

    [Fact]
    public void Each_service_binds_its_HTTP_1_1_listener_to_loopback_by_default()
    {
        foreach (var service in new[] { "Workforce", "Caseload", "Supervision" })
        {
            using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.ServiceProjectDirectory(service), "appsettings.json")));
            var http = settings.RootElement.GetProperty("Kestrel").GetProperty("Endpoints").GetProperty("Http");

            Assert.Equal(("127.0.0.1", "Http1"), (new Uri(http.GetProperty("Url").GetString()!).Host, http.GetProperty("Protocols").GetString()));
        }
    }

    /// <summary>Three workers (two employed, 1.5 FTE, holding 10 and 5 cases; one agency, 0.5 FTE) and one session.</summary>
    private async Task SeedAsync(string authority)
    {
        var employed = Requests.Assignment(staffId: "w1", from: Requests.Day(2025, 1, 1));
        var partTime = Requests.Assignment(staffId: "w2", fte: 0.5, from: Requests.Day(2025, 1, 1));
        var agency = Requests.Assignment(staffId: "a1", fte: 0.5, from: Requests.Day(2025, 1, 1));
        agency.Assignment.Contract = V1.ContractType.Agency;
        agency.Assignment.CoverReason = V1.CoverReason.Vacancy;
        foreach (var worker in new[] { employed, partTime, agency })
        {
            worker.Assignment.LineManagerStaffId = "tm-1";
        }

        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, employed, partTime, agency), Suite.Bearer(TestTokens.HrWriter(authority)));
        foreach (var staffId in new[] { "w1", "w2", "a1" })
        {
            await Suite.WaitForReadModelsAsync(authority, staffId);
        }

        var cases = new RecordAllocationChangesRequest { Authority = authority };
        cases.Changes.AddRange(Enumerable.Range(1, 15).Select(i => Requests.OpenCase(authority, i, i <= 10 ? "w1" : "w2", Requests.Day(2025, 1 + (i % 8), 2))));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(cases, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));

        var sessions = new RecordSessionsRequest { Authority = authority };
        sessions.Sessions.Add(new Session
        {
            SessionId = $"{authority}-session-1",
            SuperviseeStaffId = "w1",
            SupervisorStaffId = "tm-1",
            Date = Requests.Day(2025, 9, 15),
            Minutes = 90,
            Kind = SessionKind.Individual,
        });
        await Suite.SupervisionRecords().RecordSessionsAsync(sessions, Suite.Bearer(TestTokens.Create([WorkforceRoles.SupervisionWriter], [authority])));
    }
}
