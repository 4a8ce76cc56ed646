using Caseload.V1;
using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;
using StaffChange = Workforce.V1.StaffChange;

namespace Workforce.IntegrationTests;

/// <summary>Caseload forecasts over gRPC from history pushed through the public APIs (issue: caseload forecasts).</summary>
public sealed class CaseloadForecastOverGrpcTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task A_forecast_learns_the_history_keeps_a_known_leaver_and_restates_a_scenario()
    {
        const string authority = "860";
        var hr = Suite.Bearer(TestTokens.HrWriter(authority));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority,
            Requests.CaseHoldingWorker(authority, 0, 1.0),
            Requests.CaseHoldingWorker(authority, 1, 1.0),
            new StaffChange { ChangeId = $"{authority}-leaver", StaffId = $"sw-{authority}-0001", EffectiveDate = Requests.Day(2026, 3, 15), Leaver = new Workforce.V1.Leaver() }), hr);
        await Suite.WaitForReadModelsAsync(authority, $"sw-{authority}-0000");
        await Suite.WaitForReadModelsAsync(authority, $"sw-{authority}-0001");

        // 30 cases from 2 January 2025; one closes at the start of each month February to June: 30, 29 … 25, then 25.
        var allocations = new RecordAllocationChangesRequest { Authority = authority };
        allocations.Changes.AddRange(Enumerable.Range(0, 30).Select(i => Requests.OpenCase(authority, i, $"sw-{authority}-{i % 2:0000}", Requests.Day(2025, 1, 2))));
        allocations.Changes.AddRange(Enumerable.Range(0, 5).Select(i => new AllocationChange
        {
            ChangeId = $"{authority}-close-{i}",
            CaseId = $"case-{authority}-{i}",
            EffectiveDate = Requests.Day(2025, 2 + i, 1),
            Close = new Close(),
        }));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(allocations, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));
        var request = new CaseloadForecastRequest { Authority = authority, Start = Requests.Day(2025, 12, 31), HorizonMonths = 6, SamplePaths = 200 };

        var forecast = await Suite.CaseAllocations().GetCaseloadForecastAsync(request, analyst);
        var again = await Suite.CaseAllocations().GetCaseloadForecastAsync(request, analyst);

        Assert.Equal(Requests.Day(2025, 12, 31), forecast.Origin);
        Assert.Equal([30, 29, 28, 27, 26, 25, 25, 25, 25, 25, 25, 25], forecast.History.Select(h => h.OpenCases));
        Assert.Equal([30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], forecast.History.Select(h => h.Opened));
        Assert.Equal([0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], forecast.History.Select(h => h.Closed));
        Assert.Equal(Enumerable.Range(1, 6).Select(m => Requests.Day(2026, m, DateTime.DaysInMonth(2026, m))), forecast.Months.Select(m => m.MonthEnd));
        // The leaver goes after 15 March; nobody left or started in the history, so no other staffing change.
        Assert.Equal([2.0, 2.0, 1.0, 1.0, 1.0, 1.0], forecast.Months.Select(m => m.CaseHoldingFte.Point));
        Assert.Equal((1, 0.0, 0.0), (forecast.Supply.KnownChanges, forecast.Supply.EmployedTurnoverPercent, forecast.Supply.StartersPerMonth));
        Assert.All(forecast.Months, m =>
        {
            Assert.True(m.OpenCases.Lower95 <= m.OpenCases.Lower80 && m.OpenCases.Lower80 <= m.OpenCases.Point
                && m.OpenCases.Point <= m.OpenCases.Upper80 && m.OpenCases.Upper80 <= m.OpenCases.Upper95, m.ToString());
            Assert.InRange(m.OpenCases.Point, 20, 30);
            Assert.Equal(m.OpenCases.Point / 18.0, m.FteNeededForTarget.Point, 9);
        });
        Assert.True(forecast.Months[2].AverageCaseload.Point > 18 && forecast.Months[1].AverageCaseload.Point < 18);
        Assert.Equal(18.0, forecast.Target);
        Assert.NotEmpty(forecast.DemandMethod);
        Assert.Equal(forecast, again);

        request.Scenario = new ForecastScenario { FteChanges = { new FteChange { From = Requests.Day(2026, 4, 1), Fte = 1 } } };
        var withRecruit = await Suite.CaseAllocations().GetCaseloadForecastAsync(request, analyst);

        Assert.Equal([2.0, 2.0, 1.0, 2.0, 2.0, 2.0], withRecruit.Months.Select(m => m.CaseHoldingFte.Point));
        Assert.Equal(["Add 1 FTE of employed social workers from 2026-04-01."], withRecruit.ScenarioApplied);
        Assert.Equal(forecast.Months.Select(m => m.OpenCases), withRecruit.Months.Select(m => m.OpenCases));
    }

    [Fact]
    public async Task Invalid_requests_name_every_bad_field_and_other_scopes_are_refused()
    {
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["861"]));
        var invalid = new CaseloadForecastRequest
        {
            Authority = "861",
            HorizonMonths = 25,
            SamplePaths = 5,
            Scenario = new ForecastScenario
            {
                FteChanges = { new FteChange { From = Requests.Day(2026, 2, 30), Fte = 0 } },
                DemandGrowthPercent = double.NaN,
                Target = -1,
            },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => Suite.CaseAllocations().GetCaseloadForecastAsync(invalid, analyst).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => Suite.CaseAllocations().GetCaseloadForecastAsync(new CaseloadForecastRequest { Authority = "861" }, analyst).ResponseAsync);
        var other = await Assert.ThrowsAsync<RpcException>(() => Suite.CaseAllocations().GetCaseloadForecastAsync(new CaseloadForecastRequest { Authority = "862" }, analyst).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["horizon_months", "sample_paths", "scenario.fte_changes[0].from", "scenario.fte_changes[0].fte", "scenario.demand_growth_percent", "scenario.target"],
            error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(StatusCode.FailedPrecondition, empty.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }
}
