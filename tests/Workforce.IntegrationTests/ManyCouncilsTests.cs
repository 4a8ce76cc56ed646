using Caseload.V1;
using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// Many councils' agency rate and target progress in one call answer exactly what each council's own query
/// answers, for the councils named (in that order) or every council of the token, over gRPC and JSON.
/// </summary>
public sealed class ManyCouncilsTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private static readonly string[] Councils = ["891", "892", "893"];
    private static readonly Google.Type.Date Sept30 = Requests.Day(2025, 9, 30);

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task Each_council_answers_as_its_own_query_does_in_the_order_asked_or_in_code_order()
    {
        await SeedAsync();
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], Councils));

        var rates = await Suite.StaffRegister().BatchGetAgencyRatesAsync(new BatchGetAgencyRatesRequest { Authorities = { "893", "891" }, AsOf = Sept30 }, analyst);
        var progress = await Suite.CaseAllocations().BatchGetTargetProgressAsync(new BatchGetTargetProgressRequest { AsOf = Sept30 }, analyst);

        Assert.Equal(["893", "891"], rates.Councils.Select(c => c.Authority));
        Assert.Equal(Councils, progress.Councils.Select(c => c.Authority));
        foreach (var council in rates.Councils)
        {
            Assert.Equal(await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = council.Authority, AsOf = Sept30 }, analyst), council.Rate);
        }

        foreach (var council in progress.Councils)
        {
            Assert.Equal(await Suite.CaseAllocations().GetTargetProgressAsync(new TargetProgressRequest { Authority = council.Authority, AsOf = Sept30 }, analyst), council.Progress);
        }

        // By hand: council n has n case holders of 1.0 FTE and an agency worker of 1.0 FTE (agency rate 100 / (n + 1) %), and 4n cases (average 4).
        Assert.Equal([25.0, 50.0], rates.Councils.Select(c => c.Rate.RateByFtePercent));
        Assert.Equal([(4, 4.0), (8, 4.0), (12, 4.0)], progress.Councils.Select(c => (c.Progress.Unadjusted.Cases, c.Progress.Unadjusted.AverageCaseload)));

        var token = TestTokens.Create([WorkforceRoles.Analyst], Councils);
        Assert.Equal(rates, await JsonHttp.GetAsync<BatchGetAgencyRatesReply>(Suite.Workforce,
            "/v1/agency-rates?authorities=893&authorities=891&asOf.year=2025&asOf.month=9&asOf.day=30", token));
        Assert.Equal(progress, await JsonHttp.GetAsync<BatchGetTargetProgressReply>(Suite.Caseload,
            "/v1/target-progress?asOf.year=2025&asOf.month=9&asOf.day=30", token));
    }

    [Fact]
    public async Task A_council_outside_the_token_a_team_scoped_caller_and_a_council_asked_twice_are_refused()
    {
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["891", "892"]));
        var teamScoped = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["891"], teams: ["team-a"]));

        var outside = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().BatchGetAgencyRatesAsync(
            new BatchGetAgencyRatesRequest { Authorities = { "891", "893" }, AsOf = Sept30 }, analyst).ResponseAsync);
        var team = await Assert.ThrowsAsync<RpcException>(() => Suite.CaseAllocations().BatchGetTargetProgressAsync(
            new BatchGetTargetProgressRequest { Authorities = { "891" }, AsOf = Sept30 }, teamScoped).ResponseAsync);
        var twice = await Assert.ThrowsAsync<RpcException>(() => Suite.CaseAllocations().BatchGetTargetProgressAsync(
            new BatchGetTargetProgressRequest { Authorities = { "891", "892", "891" }, AsOf = Sept30 }, analyst).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (outside.StatusCode, team.StatusCode));
        Assert.Equal(StatusCode.InvalidArgument, twice.StatusCode);
        Assert.Equal(["authorities[2]"], twice.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
    }

    /// <summary>Council n (1-3 by position) gets n case-holding workers of 1.0 FTE with four cases each, and one agency worker.</summary>
    private async Task SeedAsync()
    {
        for (var n = 1; n <= Councils.Length; n++)
        {
            var authority = Councils[n - 1];
            var staff = Requests.Batch(authority, [.. Enumerable.Range(0, n).Select(i => Requests.CaseHoldingWorker(authority, i, 1.0))]);
            var agency = Requests.Assignment(staffId: $"agency-{authority}", changeId: $"{authority}-agency");
            agency.Assignment.Contract = ContractType.Agency;
            agency.Assignment.CaseHolding = false;
            staff.Changes.Add(agency);
            await Suite.StaffRegister().RecordStaffChangesAsync(staff, Suite.Bearer(TestTokens.HrWriter(authority)));
            await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) >= n, TimeSpan.FromSeconds(30), $"caseload to learn {authority}'s case holders");

            var cases = new RecordAllocationChangesRequest { Authority = authority };
            cases.Changes.AddRange(Enumerable.Range(0, 4 * n).Select(i => Requests.OpenCase(authority, i, $"sw-{authority}-{i % n:0000}", Requests.Day(2025, 4, 1))));
            await Suite.CaseAllocations().RecordAllocationChangesAsync(cases, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));
        }
    }
}
