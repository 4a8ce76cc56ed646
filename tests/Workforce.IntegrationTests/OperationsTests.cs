using System.Text.Json;
using Caseload.V1;
using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// What an operations team watches: each service's Prometheus page counts the changes it took, the events its
/// consumers finished and what waits in its outbox, exactly; its logs are JSON lines in the caller's trace.
/// </summary>
public sealed class OperationsTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Consumed = "workforce_events_consumed_total";
    private const string Changes = "workforce_changes_total";

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task After_a_pushed_batch_the_metrics_count_its_changes_and_the_events_each_consumer_finished()
    {
        var before = await ScrapeAllAsync();
        var posts = new[] { Requests.Assignment(), Requests.Assignment(), Requests.Assignment() };
        var hr = Suite.Bearer(TestTokens.HrWriter("841"));

        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", posts), hr);
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", posts[0]), hr);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841"), hr).ResponseAsync);
        var allocation = new RecordAllocationChangesRequest { Authority = "841" };
        allocation.Changes.Add(new AllocationChange
        {
            ChangeId = "ops-" + Guid.NewGuid().ToString("N"),
            CaseId = "case-ops-" + Guid.NewGuid().ToString("N")[..8],
            EffectiveDate = Requests.Day(2025, 4, 1),
            Open = new Open { Category = CaseCategory.ChildInNeed, StaffId = Requests.NewStaffId() },
        });
        await Suite.CaseAllocations().RecordAllocationChangesAsync(allocation, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], ["841"])));
        foreach (var post in posts)
        {
            await Suite.WaitForReadModelsAsync("841", post.StaffId);
        }

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        var workforce = await Metrics.ScrapeAsync(Suite.Workforce.HttpAddress);
        Assert.Equal(3, Delta(before[0], workforce, Changes, ("service", "workforce"), ("kind", "assignment"), ("status", "applied")));
        Assert.Equal(1, Delta(before[0], workforce, Changes, ("service", "workforce"), ("kind", "assignment"), ("status", "duplicate")));
        Assert.Equal(1, Delta(before[0], workforce, "workforce_requests_rejected_total", ("method", "RecordStaffChanges"), ("code", "InvalidArgument")));
        var caseload = await Metrics.ScrapeAsync(Suite.Caseload.HttpAddress);
        Assert.Equal(1, Delta(before[1], caseload, Changes, ("service", "caseload"), ("kind", "open"), ("status", "unmatched")));

        // The consumer metrics move just after the read model commits, so wait until all show 3, then check none shows more.
        foreach (var (service, index) in new[] { (Suite.Caseload, 1), (Suite.Supervision, 2) })
        {
            var queue = (service == Suite.Caseload ? "caseload" : "supervision") + "-staff-member-changed";
            var consumer = new[] { ("consumer", queue), ("event", "StaffMemberChanged"), ("outcome", "ok") };
            var after = await Eventually.Get(
                async () => await Metrics.ScrapeAsync(service.HttpAddress) is var m
                    && Delta(before[index], m, Consumed, consumer) >= 3
                    && Delta(before[index], m, "workforce_consume_duration_seconds_count", ("consumer", queue)) >= 3
                    && Delta(before[index], m, "workforce_consume_lag_seconds_count", ("consumer", queue)) >= 3 ? m : null,
                TimeSpan.FromSeconds(20), $"{queue} to count 3 events");
            Assert.Equal(3, Delta(before[index], after, Consumed, consumer));
            Assert.Equal(3, Delta(before[index], after, "workforce_consume_duration_seconds_count", ("consumer", queue)));
            Assert.Equal(3, Delta(before[index], after, "workforce_consume_lag_seconds_count", ("consumer", queue)));
            Assert.Equal(0, Delta(before[index], after, Consumed, ("consumer", queue), ("outcome", "failed")));
            Assert.InRange(after.Sum("workforce_freshness_age_seconds", ("source", "StaffMemberChanged")), 0, 60);
            Assert.True(after.Has("workforce_error_queue_depth", ("queue", queue + "_error")), $"no _error depth for {queue}");
        }

        await Eventually.True(async () => (await Metrics.ScrapeAsync(Suite.Workforce.HttpAddress)).Sum("workforce_outbox_pending", ("service", "workforce")) == 0,
            TimeSpan.FromSeconds(20), "the workforce outbox to be empty");
    }

    [Fact]
    public async Task Console_logs_are_json_lines_in_the_callers_trace_without_the_changes_themselves()
    {
        using var admin = RabbitMqAdmin.ForTestBroker();
        var virtualHost = RabbitMqAdmin.NewVirtualHostName("logs");
        var brokerUri = await admin.CreateVirtualHostAsync(TestEnvironment.RabbitMqUri, virtualHost);
        try
        {
            await using var service = await ServiceProcess.StartAsync("Workforce", new Dictionary<string, string>
            {
                ["ConnectionStrings__RabbitMq"] = brokerUri,
                ["Storage__DataDirectory"] = TestEnvironment.NewScratchDirectory("logs"),
                ["Logging__Console__FormatterName"] = "json",
            });
            var change = Requests.Assignment();
            var (traceId, traceParent) = Requests.NewTrace();
            await new V1.StaffRegister.StaffRegisterClient(service.CreateChannel())
                .RecordStaffChangesAsync(Requests.Batch("841", change), Suite.Bearer(TestTokens.HrWriter("841"), traceParent));

            var line = await Eventually.Get(
                () => Task.FromResult(service.Output.Split('\n').FirstOrDefault(l => l.Contains("\"Recorded 1 staff changes", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(10), "the batch's log line");
            using var json = JsonDocument.Parse(line);
            var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
            Assert.Contains(scopes, s => s.TryGetProperty("SpanId", out var id) && id.GetString()!.Length == 16);
            Assert.Equal("841", json.RootElement.GetProperty("State").GetProperty("Authority").GetString());
            Assert.DoesNotContain(change.StaffId, service.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(change.ChangeId, service.Output, StringComparison.Ordinal);
        }
        finally
        {
            await admin.DeleteVirtualHostAsync(virtualHost);
        }
    }

    private async Task<Metrics[]> ScrapeAllAsync() => await Task.WhenAll(
        Metrics.ScrapeAsync(Suite.Workforce.HttpAddress), Metrics.ScrapeAsync(Suite.Caseload.HttpAddress), Metrics.ScrapeAsync(Suite.Supervision.HttpAddress));

    private static double Delta(Metrics before, Metrics after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
