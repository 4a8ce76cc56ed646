using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
/// Publishes committed outbox rows in order, with publisher confirms awaited per batch, under the trace of the request
/// that wrote them; marks them sent only after the broker confirmed. No database transaction is open
/// while it waits for the broker, so a slow or absent broker never holds SQLite's write lock.
/// While the broker is unreachable it backs off and tries again; nothing is lost. A row whose publish failed while later
/// rows of its batch were confirmed is published again after them, which consumers tolerate (events carry versions).
/// Several replicas can share one PostgreSQL outbox: each publishes only rows it holds a lease on
/// (see <see cref="ClaimAsync"/>), so no row is published by two at once; order then holds within
/// each replica's batches only, which consumers tolerate (events carry versions).
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

    /// <summary>This process's name on the rows it claims: unique per start, so a restarted replica never mistakes old claims for its own.</summary>
    private string Replica { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

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

    /// <summary>Claims and publishes one batch of unsent rows; true when the outbox had no more than one batch waiting for this replica.</summary>
    internal async Task<bool> DispatchBatchAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        // Timed from before the claim, so this replica's view of its lease ends no later than the database's.
        var claimedAt = clock.GetTimestamp();
        var batch = await ClaimAsync(settings, cancellationToken);
        if (batch.Count == 0)
        {
            return true;
        }

        var published = new List<long>(batch.Count);
        try
        {
            // Issued in order without waiting for each confirm in turn: the broker confirms the batch in one go instead
            // of one round trip per row.
            var publishes = new List<(long Sequence, Task Confirmed)>(batch.Count);
            foreach (var row in batch)
            {
                // A publish that could outlast the lease might overlap with a replica taking the row over.
                if (clock.GetElapsedTime(claimedAt) + settings.PublishTimeout >= settings.OutboxLease)
                {
                    break;
                }

                publishes.Add((row.Sequence, PublishAsync(row, settings.PublishTimeout, cancellationToken)));
            }

            Exception? failure = null;
            foreach (var (sequence, confirmed) in publishes)
            {
                try
                {
                    await confirmed;
                    published.Add(sequence);
                }
                catch (Exception exception)
                {
                    failure ??= exception;
                }
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            // Whatever was confirmed is marked, even when a later row failed, so it is not sent again needlessly;
            // the rest is released at once rather than waiting out the lease.
            await SettleAsync(published, batch.Select(m => m.Sequence).Except(published).ToList(), cancellationToken);
        }

        return batch.Count < settings.OutboxBatchSize && published.Count == batch.Count;
    }

    /// <summary>
    /// Leases the oldest unsent rows no other replica holds, in one short statement: no transaction stays open while
    /// the broker confirms. On PostgreSQL, <c>FOR UPDATE SKIP LOCKED</c> lets replicas claim side by side without
    /// waiting for or double-claiming each other's rows, and lease times are the database's, so replicas' clocks
    /// need not agree. SQLite serialises writers anyway and serves one replica per file.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = clock.GetUtcNow();
        var claim = db.Database.IsNpgsql()
            ? db.Outbox.FromSql($"""
                UPDATE outbox SET "ClaimedBy" = {Replica}, "ClaimedUntil" = now() + {settings.OutboxLease}
                WHERE "Sequence" IN (
                    SELECT "Sequence" FROM outbox
                    WHERE "SentAt" IS NULL AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < now())
                    ORDER BY "Sequence" LIMIT {settings.OutboxBatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            : db.Outbox.FromSql($"""
                UPDATE outbox SET "ClaimedBy" = {Replica}, "ClaimedUntil" = {now + settings.OutboxLease}
                WHERE "Sequence" IN (
                    SELECT "Sequence" FROM outbox
                    WHERE "SentAt" IS NULL AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                    ORDER BY "Sequence" LIMIT {settings.OutboxBatchSize})
                RETURNING *
                """);
        var rows = await claim.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(m => m.Sequence).ToList();
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
        // Waited for no longer than the timeout even if the publish ignores its token (RabbitMQ.Client 7.2 can leave a
        // confirm awaited for ever after a broker restart): the row is released and sent again, and the inbox
        // applies it once however often it arrives.
        await bus.Publish(message, type, context => context.MessageId = row.MessageId, timeoutSource.Token).WaitAsync(timeout, cancellationToken);
    }

    private async Task SettleAsync(List<long> published, List<long> unpublished, CancellationToken cancellationToken)
    {
        if (published.Count == 0 && unpublished.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        if (published.Count > 0)
        {
            var now = clock.GetUtcNow();
            await db.Outbox
                .Where(m => published.Contains(m.Sequence))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), CancellationToken.None);
            LogPublished(published.Count);
        }

        if (unpublished.Count > 0)
        {
            await db.Outbox
                .Where(m => unpublished.Contains(m.Sequence) && m.ClaimedBy == Replica)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
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
