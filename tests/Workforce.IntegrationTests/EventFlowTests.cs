using MassTransit;
using Workforce.Contracts;
using Workforce.IntegrationTests.Otlp;
using Workforce.Testing;

using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>One staffing change over gRPC, through the outbox and a real broker, into both consumers' read models.</summary>
public sealed class EventFlowTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task A_recorded_assignment_reaches_both_read_models_in_one_trace()
    {
        var change = Requests.Assignment();
        var (traceId, traceParent) = Requests.NewTrace();

        var reply = await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", change), Suite.Bearer(TestTokens.HrWriter("841"), traceParent));

        Assert.Equal(V1.ChangeStatus.Applied, Assert.Single(reply.Results).Status);
        await Suite.WaitForReadModelsAsync("841", change.StaffId);
        await Eventually.True(
            () => Task.FromResult(Suite.Telemetry.ServicesInTrace(traceId).SetEquals(Suite.ServiceNames)),
            TimeSpan.FromSeconds(20),
            "spans of all three services in the caller's trace");
        var consumers = Suite.Telemetry.Spans.Where(s => s.TraceId == traceId && s.Kind == SpanKind.Consumer).Select(s => s.Service).ToHashSet();
        Assert.Superset(new HashSet<string> { "caseload", "supervision" }, consumers);
        Assert.Contains(Suite.Telemetry.Spans, s => s.TraceId == traceId && s.Service == "workforce" && s.Name == "record staff changes");
        Assert.Equal(0, await Suite.WorkforceUnsentCountAsync());
    }

    [Fact]
    public async Task A_later_change_of_the_same_post_supersedes_the_read_models()
    {
        var first = Requests.Assignment();
        var second = Requests.Assignment(staffId: first.StaffId, fte: 0.5, from: Requests.Day(2025, 9, 1));
        var client = Suite.StaffRegister();
        var headers = Suite.Bearer(TestTokens.HrWriter("841"));

        await client.RecordStaffChangesAsync(Requests.Batch("841", first), headers);
        await Suite.WaitForReadModelsAsync("841", first.StaffId);
        var firstVersion = await Suite.CaseloadVersionAsync("841", first.StaffId);
        await client.RecordStaffChangesAsync(Requests.Batch("841", second), headers);

        await Suite.WaitForReadModelsAsync("841", first.StaffId);
        Assert.True(await Suite.CaseloadVersionAsync("841", first.StaffId) > firstVersion);
    }

    [Fact]
    public async Task A_redelivered_message_id_is_applied_once()
    {
        var staffId = "post-" + Guid.NewGuid().ToString("N")[..10];
        var messageId = Guid.NewGuid();
        await using var bus = await TestBus.StartAsync(Suite.BrokerUri);

        await bus.PublishAsync(Changed(staffId, version: 1), messageId);
        await bus.PublishAsync(Changed(staffId, version: 2), messageId);
        // Consumers take one message at a time in order, so once this marker is applied the repeat was handled.
        var marker = "post-" + Guid.NewGuid().ToString("N")[..10];
        await bus.PublishAsync(Changed(marker, version: 1), Guid.NewGuid());
        await Suite.WaitForReadModelsAsync("841", marker, 1);

        Assert.Equal(1, await Suite.CaseloadVersionAsync("841", staffId));
        Assert.Equal(1, await Suite.SupervisionVersionAsync("841", staffId));
    }

    [Fact]
    public async Task An_invalid_event_goes_to_the_error_queue_without_retries()
    {
        var messageId = Guid.NewGuid();
        await using var bus = await TestBus.StartAsync(Suite.BrokerUri);
        using var admin = RabbitMqAdmin.ForTestBroker();

        await bus.PublishAsync(Changed("post-bad", version: 1) with { Authority = "" }, messageId);

        foreach (var queue in new[] { "caseload-staff-member-changed_error", "supervision-staff-member-changed_error" })
        {
            var faulted = await Eventually.Get(
                async () => (await admin.PeekAsync(Suite.VirtualHost, queue)).FirstOrDefault(m =>
                    m["properties"]?["message_id"]?.GetValue<string>() == messageId.ToString()),
                TimeSpan.FromSeconds(30),
                $"the message in {queue}");
            var headers = faulted["properties"]!["headers"]!;
            Assert.Contains(nameof(Workforce.ServiceDefaults.Messaging.InvalidEventException), headers["MT-Fault-ExceptionType"]!.GetValue<string>());
            // Retries would have been counted here (and taken 3 × 2 s).
            Assert.True(headers["MT-Fault-RetryCount"] is null || headers["MT-Fault-RetryCount"]!.GetValue<int>() == 0);
        }

        Assert.Null(await Suite.CaseloadVersionAsync("", "post-bad"));
    }

    private static StaffMemberChanged Changed(string staffId, long version) => new(
        "841",
        staffId,
        version,
        DateTimeOffset.UtcNow,
        [new AssignmentPeriod(new DateOnly(2025, 4, 1), null, "assessment-1", 5, ContractType.Employed, version == 1 ? 1.0m : 0.5m, true, true)]);
}

/// <summary>A MassTransit bus in the test process, publishing to the suite's broker as another service would, and collecting the alerts the services publish.</summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly System.Collections.Concurrent.ConcurrentQueue<object> _received;

    private TestBus(IBusControl bus, System.Collections.Concurrent.ConcurrentQueue<object> received)
    {
        _bus = bus;
        _received = received;
    }

    /// <summary>Alerts received so far (the listener consumes concurrently, so not necessarily in publish order).</summary>
    public IReadOnlyList<object> Received => _received.ToArray();

    public static async Task<TestBus> StartAsync(string brokerUri)
    {
        var address = Workforce.ServiceDefaults.Messaging.RabbitMqAddress.Parse(brokerUri);
        var received = new System.Collections.Concurrent.ConcurrentQueue<object>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
            {
                host.Username(address.Username);
                host.Password(address.Password);
            });
            rabbit.ReceiveEndpoint($"test-alerts-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<CaseloadAboveThreshold>(context => Collect(received, context.Message));
                endpoint.Handler<OpenCasesHeldByLeaver>(context => Collect(received, context.Message));
                endpoint.Handler<SupervisionOverdue>(context => Collect(received, context.Message));
            });
        });
        await bus.StartAsync(TimeSpan.FromSeconds(30));
        return new TestBus(bus, received);
    }

    /// <summary>Published and confirmed within 30 s, or the test fails: a confirm can go unanswered for ever after a broker restart.</summary>
    public async Task PublishAsync(StaffMemberChanged message, Guid messageId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.Publish(message, context => context.MessageId = messageId, timeout.Token).WaitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(TimeSpan.FromSeconds(30));

    private static Task Collect(System.Collections.Concurrent.ConcurrentQueue<object> received, object message)
    {
        received.Enqueue(message);
        return Task.CompletedTask;
    }
}
