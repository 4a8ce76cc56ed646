using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Workforce.ServiceDefaults.Telemetry;

namespace Workforce.ServiceDefaults.Messaging;

/// <summary>The receive endpoints (queues) of this service's consumers, as MassTransit configures them.</summary>
public sealed class ReceiveEndpointNames
{
    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

    public void Add(string queue) => _names.TryAdd(queue, true);

    public IReadOnlyList<string> All => _names.Keys.Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Keeps one small AMQP connection of its own to the broker. It tells readiness whether the broker is reachable —
/// which MassTransit's bus health does not for a service that only publishes — and reads the depth of each
/// consumer's <c>_error</c> queue on an interval with a passive queue declare. That needs only the connection string
/// the service already has (no management API, which deployments may not expose) and never creates a queue; a
/// queue not declared yet (no message has failed) counts as empty.
/// </summary>
public sealed class BrokerMonitor(
    ReceiveEndpointNames endpoints,
    RabbitMqAddress broker,
    ServiceTelemetry telemetry,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<BrokerMonitor> logger) : PeriodicWork("Connecting to the broker or reading the _error queue depths", clock, logger)
{
    private const ushort NotFound = 404;
    private static readonly TimeSpan ConnectRetry = TimeSpan.FromSeconds(2);

    private IConnection? _connection;

    /// <summary>True while the connection is open; it recovers by itself after an outage.</summary>
    public bool IsConnected => _connection?.IsOpen == true;

    protected override TimeSpan NextDelay => _connection is null ? ConnectRetry : options.Value.ErrorQueueCheckInterval;

    // The broker being down is an outage readiness reports; the depth gauges keep the last values seen.
    protected override LogLevel FailureLevel => LogLevel.Debug;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        _connection ??= await ConnectAsync(cancellationToken);
        foreach (var queue in endpoints.All)
        {
            telemetry.SetErrorQueueDepth(queue + "_error", await ReadDepthAsync(_connection, queue + "_error", cancellationToken));
        }
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = $"{telemetry.ServiceName} broker monitor",
            AutomaticRecoveryEnabled = true,
            NetworkRecoveryInterval = ConnectRetry,
        }.CreateConnectionAsync(cancellationToken);

    /// <summary>Messages ready in <paramref name="queue"/>, or 0 when it does not exist; never declares it.</summary>
    public static async Task<long> ReadDepthAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes the channel, so each queue gets a channel of its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == NotFound)
        {
            return 0;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
