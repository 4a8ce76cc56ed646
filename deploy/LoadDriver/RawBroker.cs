using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Workforce.LoadDriver;

/// <summary>
/// The raw broker: RabbitMQ.Client alone, persistent messages of the feed's size on a durable queue, publisher
/// confirms awaited a batch at a time, a consumer acking each message by hand. The figure is messages per second
/// from the first publish until the consumer has acked the last: what the suite's ingest is held against.
/// </summary>
public static class RawBroker
{
    private const int ConfirmBatch = 1000;

    public static async Task<double> MeasureAsync(string uri, int messages, int messageBytes)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        await using var publisherConnection = await factory.CreateConnectionAsync();
        await using var consumerConnection = await factory.CreateConnectionAsync();
        await using var publisher = await publisherConnection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await using var consumer = await consumerConnection.CreateChannelAsync();
        var queue = "load-raw-" + Guid.NewGuid().ToString("N")[..8];
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await consumer.BasicQosAsync(0, ConfirmBatch, false);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, handler);

        var body = new byte[messageBytes];
        var properties = new BasicProperties { Persistent = true };
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < messages; sent += ConfirmBatch)
        {
            var batch = Enumerable.Range(0, Math.Min(ConfirmBatch, messages - sent))
                .Select(_ => publisher.BasicPublishAsync("", queue, true, properties, body).AsTask()).ToList();
            await Task.WhenAll(batch);
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var rate = messages / clock.Elapsed.TotalSeconds;
        await publisher.QueueDeleteAsync(queue);
        return rate;
    }
}
