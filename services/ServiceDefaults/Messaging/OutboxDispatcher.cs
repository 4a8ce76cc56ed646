using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows in order, with publisher confirms, under the trace of the request
/// that wrote them; marks them sent only after the broker confirmed. No database transaction is open
/// while it waits for the broker, so a slow or absent broker never holds SQLite's write lock.
/// While the broker is unreachable it backs off and tries again; nothing is lost or reordered.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string ActivitySourceName = "Workforce.Outbox";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var drained = await DispatchBatchAsync(settings, stoppingToken);
                backoff = TimeSpan.Zero;
                if (drained)
                {
                    await signal.WaitAsync(settings.OutboxPollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                backoff = NextBackoff(backoff, settings.OutboxMaxBackoff);
                LogDispatchFailed(exception, backoff.TotalSeconds);
            }

            if (backoff > TimeSpan.Zero && !await DelayAsync(backoff, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Publishes one batch of unsent rows; true when the outbox had no more than one batch waiting.</summary>
    internal async Task<bool> DispatchBatchAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        List<OutboxMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
            batch = await db.Outbox.AsNoTracking()
                .Where(m => m.SentAt == null)
                .OrderBy(m => m.Sequence)
                .Take(settings.OutboxBatchSize)
                .ToListAsync(cancellationToken);
        }

        if (batch.Count == 0)
        {
            return true;
        }

        var published = new List<long>(batch.Count);
        try
        {
            foreach (var row in batch)
            {
                await PublishAsync(row, settings.PublishTimeout, cancellationToken);
                published.Add(row.Sequence);
            }
        }
        finally
        {
            // Whatever was confirmed is marked, even when a later row failed, so it is not sent again needlessly.
            await MarkSentAsync(published, cancellationToken);
        }

        return batch.Count < settings.OutboxBatchSize;
    }

    private async Task PublishAsync(OutboxMessage row, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var type = Type.GetType(row.MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(row.Payload, type, MessageJson.Options)!;

        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = Source.StartActivity("outbox publish", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());
        activity?.SetTag("messaging.message.type", type.Name);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        await bus.Publish(message, type, context => context.MessageId = row.MessageId, timeoutSource.Token);
    }

    private async Task MarkSentAsync(List<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = clock.GetUtcNow();
        await db.Outbox
            .Where(m => sequences.Contains(m.Sequence))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), CancellationToken.None);
        LogPublished(sequences.Count);
    }

    private static TimeSpan NextBackoff(TimeSpan current, TimeSpan max)
    {
        var next = current == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : current * 2;
        return next > max ? max : next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying in {Seconds} s")]
    private partial void LogDispatchFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox published {Count} message(s)")]
    private partial void LogPublished(int count);
}
