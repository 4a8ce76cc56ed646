using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.ServiceDefaults.Operations;

/// <summary>Metadata of a message in an <c>_error</c> queue: never its body, which may describe staff.</summary>
public sealed record ErrorMessageInfo(
    string MessageId,
    string MessageType,
    string Queue,
    string Reason,
    string ExceptionType,
    string ExceptionMessage,
    DateTimeOffset? FaultedAt,
    int RetryCount,
    int RedeliveryCount,
    int RedriveCount);

public sealed record RedriveResult(IReadOnlyList<string> Moved, IReadOnlyList<string> NotFound);

public sealed record QueueCount(string Queue, long Count);

/// <summary>
/// Reads and re-drives the service's <c>{queue}_error</c> queues over AMQP with the client MassTransit already uses:
/// it needs no management plugin, uses the bus's own URI and credentials, and keeps every property and header byte for byte.
/// A browse takes messages without acknowledging them and returns them all when its channel closes, in their order.
/// </summary>
public sealed class ErrorQueues(RabbitMqAddress broker, ReceiveEndpointNames queues)
{
    public const string ErrorSuffix = "_error";

    // Kept across re-drives: MassTransit overwrites its fault headers each time a message faults again.
    public const string FirstFaultedHeader = "Workforce-First-Faulted";
    public const string RedriveCountHeader = "Workforce-Redrive-Count";

    public IReadOnlySet<string> ConsumerQueueNames => queues.All.ToHashSet(StringComparer.Ordinal);

    /// <summary>Messages at positions [skip, skip + take) of the service's error queues (or one queue's), queue by queue.</summary>
    public async Task<IReadOnlyList<ErrorMessageInfo>> ListAsync(string? queue, int skip, int take, CancellationToken cancellationToken)
    {
        var found = new List<ErrorMessageInfo>();
        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var name in Selected(queue))
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var waiting = await WaitingAsync(channel, name + ErrorSuffix, cancellationToken);
            for (var i = 0; i < waiting && found.Count < skip + take; i++)
            {
                var message = await channel.BasicGetAsync(name + ErrorSuffix, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                found.Add(Describe(name, message));
            }

            await RequeueHeldAsync(channel);
            if (found.Count >= skip + take)
            {
                break;
            }
        }

        return found.Skip(skip).ToList();
    }

    /// <summary>
    /// Moves the chosen messages (all when <paramref name="messageIds"/> is null) back to their queue: each is
    /// published with a broker confirm before it is acknowledged in <c>_error</c>, so a failure leaves at worst a
    /// copy in both, which the consumer's inbox recognises by its MessageId.
    /// </summary>
    public async Task<RedriveResult> RedriveAsync(string? queue, IReadOnlySet<string>? messageIds, CancellationToken cancellationToken)
    {
        var moved = new List<string>();
        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var name in Selected(queue))
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            // Only what is there now: a message that faults again while this runs waits for the next re-drive.
            var waiting = await WaitingAsync(channel, name + ErrorSuffix, cancellationToken);
            for (var i = 0; i < waiting; i++)
            {
                var message = await channel.BasicGetAsync(name + ErrorSuffix, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                var id = message.BasicProperties.MessageId ?? "";
                if (messageIds is not null && !messageIds.Contains(id))
                {
                    continue;
                }

                var properties = new BasicProperties(message.BasicProperties) { Persistent = true };
                var headers = properties.Headers = new Dictionary<string, object?>(message.BasicProperties.Headers ?? new Dictionary<string, object?>());
                headers.TryAdd(FirstFaultedHeader, Header(headers, "MT-Fault-Timestamp"));
                headers[RedriveCountHeader] = Number(Header(headers, RedriveCountHeader)) + 1;
                await channel.BasicPublishAsync("", name, mandatory: true, properties, message.Body.ToArray(), cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                moved.Add(id);
            }

            await RequeueHeldAsync(channel);
        }

        var distinct = moved.Distinct(StringComparer.Ordinal).ToList();
        var notFound = messageIds?.Except(distinct, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        return new RedriveResult(distinct, notFound);
    }

    /// <summary>
    /// Deletes (or, on a dry run, counts) the messages of one council from every <c>_error</c> queue of the service. Each
    /// message's body is read for its authority alone; the other councils' messages go back in their order.
    /// </summary>
    public async Task<IReadOnlyList<QueueCount>> RemoveCouncilAsync(string authority, bool dryRun, CancellationToken cancellationToken)
    {
        var counts = new List<QueueCount>();
        if (queues.All.Count == 0)
        {
            return counts;
        }

        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var name in queues.All)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var waiting = await WaitingAsync(channel, name + ErrorSuffix, cancellationToken);
            var removed = 0L;
            for (var i = 0; i < waiting; i++)
            {
                var message = await channel.BasicGetAsync(name + ErrorSuffix, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                if (ErrorMessageAuthority.Of(message.Body) == authority)
                {
                    removed++;
                    if (!dryRun)
                    {
                        await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                    }
                }
            }

            await RequeueHeldAsync(channel);
            counts.Add(new QueueCount(name + ErrorSuffix, removed));
        }

        return counts;
    }

    private IEnumerable<string> Selected(string? queue) =>
        string.IsNullOrEmpty(queue) ? queues.All : [queue];

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = "workforce-operations",
        };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>Messages ready in <paramref name="queue"/>; 0 when MassTransit has not declared it (nothing ever faulted).</summary>
    private static async Task<uint> WaitingAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private static async Task RequeueHeldAsync(IChannel channel)
    {
        if (channel.IsOpen)
        {
            await channel.BasicNackAsync(0, multiple: true, requeue: true);
        }
    }

    private static ErrorMessageInfo Describe(string queue, BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers;
        var firstFaulted = Text(Header(headers, FirstFaultedHeader)) ?? Text(Header(headers, "MT-Fault-Timestamp"));
        return new ErrorMessageInfo(
            message.BasicProperties.MessageId ?? "",
            Text(Header(headers, "MT-MessageType")) ?? EnvelopeMessageType(message.Body) ?? "",
            queue,
            Text(Header(headers, "MT-Reason")) ?? "",
            Text(Header(headers, "MT-Fault-ExceptionType")) ?? "",
            Text(Header(headers, "MT-Fault-Message")) ?? "",
            DateTimeOffset.TryParse(firstFaulted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            (int)Number(Header(headers, "MT-Fault-RetryCount")),
            (int)Number(Header(headers, "MT-Redelivery-Count")),
            (int)Number(Header(headers, RedriveCountHeader)));
    }

    /// <summary>The first type of MassTransit's JSON envelope; only this field of the body is read.</summary>
    private static string? EnvelopeMessageType(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value : null;

    // AMQP carries header strings as bytes and numbers as integers of various widths.
    private static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static long Number(object? value) =>
        long.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
