using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

/// <summary>
/// Outbox dispatchers wired exactly as the services wire them, as separate hosts (replicas) on one database and a
/// real broker; a counting consumer sees every message that reached the queue.
/// </summary>
public sealed class OutboxReplicasTests : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];
    private readonly ReceivedProbes _received = new();
    private string _virtualHost = "";
    private string _brokerUri = "";
    private string? _database;
    private IBusControl? _probeBus;

    public async Task InitializeAsync()
    {
        using var admin = RabbitMqAdmin.ForTestBroker();
        _virtualHost = RabbitMqAdmin.NewVirtualHostName("outbox");
        _brokerUri = await admin.CreateVirtualHostAsync(TestEnvironment.RabbitMqUri, _virtualHost);
        _probeBus = await StartProbeConsumerAsync();
    }

    [Fact]
    public async Task Two_replicas_on_one_postgres_outbox_publish_every_row_exactly_once_between_them()
    {
        var storage = PostgresStorage();
        var replicas = new[] { Replica(storage), Replica(storage) };
        var written = await WriteProbesAsync(replicas[0], 600);

        await Task.WhenAll(replicas.Select(r => r.StartAsync()));
        await Eventually.True(async () => (await OutboxAsync(replicas[0])).All(m => m.SentAt is not null), TimeSpan.FromSeconds(60), "every row to be marked sent");
        await DrainAsync();

        var rows = await OutboxAsync(replicas[0]);
        Assert.Equal(written.Order(), _received.MessageIds.Order());
        // Both replicas took part, so the rows really were contended for.
        Assert.Equal(2, rows.Select(m => m.ClaimedBy).Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replica_takes_over_rows_whose_lease_has_expired_and_leaves_rows_another_replica_holds(bool postgres)
    {
        var replica = Replica(postgres ? PostgresStorage() : SqliteStorage());
        var written = await WriteProbesAsync(replica, 3);
        var (held, expired, free) = (written[0], written[1], written[2]);
        await ClaimAsync(replica, held, "busy-replica", DateTimeOffset.UtcNow.AddHours(1));
        await ClaimAsync(replica, expired, "crashed-replica", DateTimeOffset.UtcNow.AddMinutes(-1));

        await replica.StartAsync();
        await Eventually.True(async () => (await OutboxAsync(replica)).Count(m => m.SentAt is not null) == 2, TimeSpan.FromSeconds(30), "the two free rows to be sent");
        await DrainAsync();

        var rows = (await OutboxAsync(replica)).ToDictionary(m => m.MessageId);
        Assert.Equal(new[] { expired, free }.Order(), _received.MessageIds.Order());
        Assert.Equal(("busy-replica", (DateTimeOffset?)null), (rows[held].ClaimedBy, rows[held].SentAt));
        Assert.NotEqual("crashed-replica", rows[expired].ClaimedBy);
    }

    [Fact]
    public async Task A_replica_publishes_a_claimed_batch_together_so_a_slow_confirm_does_not_push_the_rest_past_the_lease()
    {
        // Each confirm takes 20 s of this clock; the lease is 60 s and a publish may take 10 s. One at a time, only three
        // of a batch of five could start within the lease (the rest claimed again at 60 s); issued together, all five
        // start at 0 s and are sent under the first lease.
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        var replica = Replica(SqliteStorage(), clock, new()
        {
            ["Messaging:OutboxBatchSize"] = "5",
            ["Messaging:OutboxLease"] = "00:01:00",
            ["Messaging:PublishTimeout"] = "00:00:10",
        });
        await WriteProbesAsync(replica, 5);
        replica.Services.GetRequiredService<IBus>().ConnectPublishObserver(new ClockAdvancingObserver(clock, TimeSpan.FromSeconds(20)));

        await replica.StartAsync();
        await Eventually.True(async () => (await OutboxAsync(replica)).All(m => m.SentAt is not null), TimeSpan.FromSeconds(30), "every row to be sent");

        var leases = (await OutboxAsync(replica)).OrderBy(m => m.Sequence).Select(m => (m.ClaimedUntil!.Value - clock.Start).TotalSeconds);
        Assert.Equal([60, 60, 60, 60, 60], leases);
    }

    private Dictionary<string, string?> PostgresStorage()
    {
        _database = PostgresDatabases.NewName("outbox");
        return new() { ["ConnectionStrings:Postgres"] = PostgresDatabases.ConnectionString(_database) };
    }

    private static Dictionary<string, string?> SqliteStorage() =>
        new() { ["Storage:DataDirectory"] = TestEnvironment.NewScratchDirectory("outbox") };

    /// <summary>A host with the services' storage and messaging wiring (and so their dispatcher), not yet started.</summary>
    private IHost Replica(Dictionary<string, string?> storage, TimeProvider? clock = null, Dictionary<string, string?>? messaging = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(storage);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = _brokerUri,
            // Small batches, so two replicas interleave many claims.
            ["Messaging:OutboxBatchSize"] = "10",
            ["Messaging:OutboxPollInterval"] = "00:00:00.2",
        });
        builder.Configuration.AddInMemoryCollection(messaging ?? []);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddServiceDatabase<ProbeDbContext, SqliteProbeDbContext, PostgresProbeDbContext>("probe");
        builder.AddServiceMessaging("probe");
        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    private static async Task<List<Guid>> WriteProbesAsync(IHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        await db.Database.EnsureCreatedAsync();
        var rows = Enumerable.Range(0, count).Select(i => db.AddIntegrationEvent(new OutboxProbe(i), TimeProvider.System)).ToList();
        await db.SaveChangesAsync();
        return rows.Select(r => r.MessageId).ToList();
    }

    private static async Task ClaimAsync(IHost host, Guid messageId, string replica, DateTimeOffset until)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        await db.Outbox.Where(m => m.MessageId == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, replica).SetProperty(m => m.ClaimedUntil, until));
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Outbox.AsNoTracking().ToListAsync();
    }

    /// <summary>
    /// Waits for a marker published after every row was confirmed: the queue is first in, first out, so once the
    /// marker is consumed, so is every copy any replica published.
    /// </summary>
    private async Task DrainAsync()
    {
        await _probeBus!.Publish(new OutboxProbe(ReceivedProbes.Marker));
        await Eventually.True(() => Task.FromResult(_received.MarkerSeen), TimeSpan.FromSeconds(30), "the marker to be consumed");
    }

    private async Task<IBusControl> StartProbeConsumerAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_received);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<ProbeConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(_brokerUri));
                rabbit.ReceiveEndpoint("outbox-probes", endpoint =>
                {
                    // One at a time, in queue order, so the marker comes last.
                    endpoint.PrefetchCount = 1;
                    endpoint.ConcurrentMessageLimit = 1;
                    endpoint.ConfigureConsumer<ProbeConsumer>(context);
                });
            });
        });
        var bus = services.BuildServiceProvider().GetRequiredService<IBusControl>();
        await bus.StartAsync();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return bus;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        if (_probeBus is not null)
        {
            await _probeBus.StopAsync();
        }

        using var admin = RabbitMqAdmin.ForTestBroker();
        await admin.DeleteVirtualHostAsync(_virtualHost);
        if (_database is not null)
        {
            await PostgresDatabases.DropAsync(_database);
        }
    }
}

public sealed record OutboxProbe(int Number);

public sealed class ReceivedProbes
{
    public const int Marker = -1;

    private readonly ConcurrentQueue<Guid> _messageIds = new();
    private volatile bool _markerSeen;

    public IReadOnlyCollection<Guid> MessageIds => _messageIds.ToArray();

    public bool MarkerSeen => _markerSeen;

    public void Add(Guid messageId, int number)
    {
        if (number == Marker)
        {
            _markerSeen = true;
        }
        else
        {
            _messageIds.Enqueue(messageId);
        }
    }
}

public sealed class ProbeConsumer(ReceivedProbes received) : IConsumer<OutboxProbe>
{
    public Task Consume(ConsumeContext<OutboxProbe> context)
    {
        received.Add(context.MessageId!.Value, context.Message.Number);
        return Task.CompletedTask;
    }
}

public abstract class ProbeDbContext(DbContextOptions options) : ServiceDbContext(options);

public sealed class SqliteProbeDbContext(DbContextOptions<SqliteProbeDbContext> options) : ProbeDbContext(options);

public sealed class PostgresProbeDbContext(DbContextOptions<PostgresProbeDbContext> options) : ProbeDbContext(options);

/// <summary>A clock that moves only when told to, for both wall time and elapsed time.</summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks;

    public DateTimeOffset Start => start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _ticks));

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

public sealed class ClockAdvancingObserver(SteppedClock clock, TimeSpan perPublish) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        clock.Advance(perPublish);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
