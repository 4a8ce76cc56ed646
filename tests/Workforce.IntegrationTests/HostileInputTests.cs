using Grpc.Core;
using Workforce.HostileInput;
using Workforce.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Workforce.IntegrationTests;

/// <summary>
/// Issue 8's hostile-input proof: the generated barrage (the same one <c>deploy/HostileInput</c> sends) against the
/// three services as processes over h2c. Every request gets a clear status, and rejected input changes nothing.
/// </summary>
public sealed class HostileInputTests(SqliteSuiteFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteSuiteFixture>
{
    private const int Requests = 10_000;

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_clear_statuses_and_change_no_data()
    {
        var suite = fixture.Suite;
        var options = new BarrageOptions(
            new Dictionary<string, Uri>
            {
                ["workforce"] = Address(suite.Workforce),
                ["caseload"] = Address(suite.Caseload),
                ["supervision"] = Address(suite.Supervision),
            },
            new TokenSettings(TestTokens.Issuer, TestTokens.Audience, TestTokens.SigningKey),
            Requests,
            Seed: 1,
            new Councils());

        var report = await new Barrage(options, DataExport.Sqlite(suite.DataDirectory, options.Councils.Sandbox)).RunAsync(output.WriteLine);
        output.WriteLine(report.CoverageMatrix());
        output.WriteLine(report.Summary());
        output.WriteLine(report.Failures(100));

        Assert.Equal(Requests, report.Results.Count);
        Assert.Empty(report.ServerFaults);
        Assert.Empty(report.MissingViolations);
        Assert.Empty(report.Unexpected);
        Assert.True(report.ExportIdentical, "The export of the services' data changed during the barrage.");
        // Every RPC met every token flaw, and the barrage both rejected and (in the sandbox) accepted input.
        Assert.Equal(32 * 5, report.Results.Where(r => r.Request.Field == "(token)").Select(r => (r.Request.Service, r.Request.Rpc, r.Request.Category)).Distinct().Count());
        Assert.Contains(report.Results, r => r.Outcome.Status == StatusCode.InvalidArgument);
        Assert.Contains(report.Results, r => r.Request.Sandboxed && r.Outcome.Status == StatusCode.OK);
    }

    private static Uri Address(ServiceProcess service) => new($"http://127.0.0.1:{service.GrpcPort}");
}
