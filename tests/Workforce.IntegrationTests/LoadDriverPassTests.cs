using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Workforce.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Workforce.IntegrationTests;

/// <summary>
/// CI's few-councils pass of the load driver (deploy/LoadDriver) as an operator runs it: its own RabbitMQ and
/// PostgreSQL through the deploy scripts, the three services as processes, one council through the public APIs
/// while analysts query. It asserts from the JSON report that the run worked, never how fast it was.
/// </summary>
public sealed class LoadDriverPassTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_council_goes_through_every_phase_with_no_failed_call_and_every_figure_present()
    {
        var runDirectory = TestEnvironment.NewScratchDirectory("load");
        var reports = Path.Combine(runDirectory, "report");
        var portBase = FreePortBase();
        var clock = Stopwatch.StartNew();
        int exitCode;
        string stdout, stderr;
        try
        {
            (exitCode, stdout, stderr) = await DeployTool.RunAsync(
                "LoadDriver", "--councils", "1", "--years", "2025", "--query-seconds", "1", "--concurrency", "8",
                "--raw-messages", "2000", "--port-base", portBase.ToString(), "--run-dir", runDirectory, "--out", reports);
        }
        finally
        {
            // The driver stops its broker and PostgreSQL itself; this covers a driver that was killed or timed out.
            await DeployScript.RunAsync("rabbitmq.sh", ["stop", "--dir", Path.Combine(runDirectory, "rabbitmq")]);
            await DeployScript.RunAsync("postgres.sh", ["stop", "--dir", Path.Combine(runDirectory, "postgres")]);
        }

        output.WriteLine($"load driver pass: {clock.Elapsed.TotalSeconds:0} s, port base {portBase}\n{stdout}");
        Assert.True(exitCode == 0, $"LoadDriver exited with {exitCode}:\n{stdout}\n{stderr}");

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "1-councils-2025-2025.json")));
        var root = report.RootElement;
        var suite = root.GetProperty("Suite");
        var failed = suite.GetProperty("FailedCalls");
        Assert.True(failed.GetArrayLength() == 0, $"calls failed: {failed}\n{stderr}");

        Assert.Equal(1, root.GetProperty("Size").GetProperty("Councils").GetInt32());
        Assert.Equal(1, suite.GetProperty("CouncilsVisible").GetInt32());
        Assert.Equal(0, suite.GetProperty("CouncilsNotVisible").GetArrayLength());
        Assert.True(suite.GetProperty("Changes").GetInt64() > 0);
        Assert.True(suite.GetProperty("AcceptedPerSecond").GetDouble() > 0);
        Assert.True(suite.GetProperty("VisiblePerSecond").GetDouble() > 0);
        Assert.Equal(1, suite.GetProperty("Lag").GetProperty("Calls").GetInt32());

        string[] queries = ["agency rate", "target progress", "regularity"];
        foreach (var phase in new[] { "Queries", "QueriesOnManyDays", "AllCouncils", "QueriesDuringIngest" })
        {
            var figures = suite.GetProperty(phase);
            Assert.Equal(queries, figures.EnumerateObject().Select(q => q.Name));
            foreach (var query in figures.EnumerateObject())
            {
                Assert.True(query.Value.GetProperty("Errors").GetInt32() == 0, $"{phase} {query.Name}: {query.Value}");
                // During ingest analysts query only once the council is visible, which may be after its feeds end.
                Assert.True(phase == "QueriesDuringIngest" || query.Value.GetProperty("Calls").GetInt32() > 0, $"{phase} {query.Name}: {query.Value}");
            }
        }

        string[] services = ["Workforce", "Caseload", "Supervision"];
        Assert.All(services, s => Assert.True(suite.GetProperty("ResidentMiB").GetProperty(s).GetDouble() > 0));
        Assert.All(services, s => Assert.True(suite.GetProperty("RestartToReadySeconds").GetProperty(s).GetDouble() > 0));

        foreach (var phase in new[] { "AllCouncilsInOneCall", "AllCouncilsInOneCallOnManyDays" })
        {
            var inOneCall = suite.GetProperty(phase);
            Assert.Equal(["agency rate", "target progress"], inOneCall.EnumerateObject().Select(q => q.Name));
            Assert.All(inOneCall.EnumerateObject(), q => Assert.True(q.Value.GetProperty("Calls").GetInt32() > 0 && q.Value.GetProperty("Errors").GetInt32() == 0, $"{phase} {q.Name}: {q.Value}"));
        }

        // 2 ingest, 3 per query (floor, SQL, DuckDB), 2 per query on many days (floor, SQL), 3 per all-council call
        // (p99, SQL, DuckDB), 2 per all-council call on many days (p99, SQL), then memory and restart per service.
        var ratios = root.GetProperty("Ratios").EnumerateArray().ToList();
        Assert.Equal(2 + (3 * 3) + (3 * 2) + (2 * 3) + (2 * 2) + 3 + 3, ratios.Count);
        Assert.All(ratios, r => Assert.True(
            r.GetProperty("Value").ValueKind == JsonValueKind.Number && double.IsFinite(r.GetProperty("Value").GetDouble()), r.ToString()));

        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "1-councils-2025-2025.md"));
        Assert.Contains("## Failed calls\n\nNone: every ingest and query call succeeded.", markdown);
    }

    /// <summary>
    /// A base whose driver ports (plus 432 and 672-674) are free now and lie below Linux's ephemeral range (from 32768),
    /// where the suite's own free ports come from, so nothing else in the run takes them meanwhile.
    /// </summary>
    private static int FreePortBase()
    {
        var first = Random.Shared.Next(0, 24);
        return Enumerable.Range(0, 24).Select(i => 20_000 + ((first + i) % 24 * 500))
            .FirstOrDefault(b => new[] { 432, 672, 673, 674 }.All(offset => Free(b + offset)))
            is var found and > 0 ? found : throw new InvalidOperationException("no free port base between 20000 and 32000");

        static bool Free(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
