using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Offboarding;

namespace Workforce.ServiceDefaults.Messaging;

/// <summary>
/// Group commit for a consumer's events of one council: while one transaction of that council is applied, the
/// messages arriving meanwhile wait, and the next of them to go applies all that are waiting in one transaction
/// (one offboarding check, one inbox look-up, the effects, every inbox record). Each message is still acknowledged only
/// after the commit that holds its effect and its inbox record, exactly as with
/// <see cref="InboxExtensions.ConsumeOnceAsync{T}"/>. When such a shared transaction fails, each of its messages is
/// applied again alone, so a poisoned one is retried and sent to <c>_error</c> by itself while the others apply.
/// </summary>
public sealed class InboxBatcher<T> where T : class, ICouncilData
{
    private readonly ConcurrentDictionary<(string Consumer, string Authority), Lane> _lanes = new();

    /// <summary>
    /// Applies <paramref name="context"/>'s message once, possibly together with other waiting messages of its council;
    /// <paramref name="apply"/> receives the messages not applied before, in arrival order.
    /// </summary>
    public async Task ConsumeAsync(
        ServiceDbContext db,
        ConsumeContext<T> context,
        string consumer,
        TimeProvider clock,
        ILogger logger,
        Func<IReadOnlyList<T>, CancellationToken, Task> apply)
    {
        var messageId = context.MessageId ?? throw new InvalidEventException("The message has no MessageId.");
        var lane = _lanes.GetOrAdd((consumer, context.Message.Authority), _ => new Lane());
        var waiting = new Waiting(messageId, context.Message);
        lane.Add(waiting);

        // No cancellation here: whoever holds the gate may already be applying this message, so its owner waits for the outcome.
        await lane.Gate.WaitAsync();
        try
        {
            if (!waiting.Outcome.Task.IsCompleted)
            {
                var batch = lane.TakeAll();
                try
                {
                    await ApplyAsync(db, batch, consumer, clock, logger, apply, context.CancellationToken);
                }
                catch (Exception) when (batch.Count > 1)
                {
                    db.ChangeTracker.Clear();
                    foreach (var other in batch)
                    {
                        other.Outcome.TrySetResult(Outcome.ApplyAlone);
                    }
                }
            }
        }
        finally
        {
            lane.Gate.Release();
        }

        if (await waiting.Outcome.Task == Outcome.ApplyAlone)
        {
            await db.ConsumeOnceAsync(context, consumer, clock, logger, cancellationToken => apply([context.Message], cancellationToken));
        }
    }

    private static async Task ApplyAsync(
        ServiceDbContext db,
        List<Waiting> batch,
        string consumer,
        TimeProvider clock,
        ILogger logger,
        Func<IReadOnlyList<T>, CancellationToken, Task> apply,
        CancellationToken cancellationToken)
    {
        var authority = batch[0].Message.Authority;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.IsOffboardedAsync(authority, cancellationToken))
        {
            foreach (var dropped in batch)
            {
                InboxExtensions.LogDropped(logger, consumer, authority, dropped.MessageId);
                dropped.Outcome.TrySetResult(Outcome.Done);
            }

            return;
        }

        var ids = batch.Select(w => w.MessageId).ToList();
        var seen = (await db.Inbox.AsNoTracking()
                .Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
                .Select(m => m.MessageId)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        // A message id twice in one batch (a replay racing its original) is applied once, like a redelivery.
        var fresh = batch.Where(w => seen.Add(w.MessageId)).ToList();
        if (fresh.Count > 0)
        {
            await apply(fresh.Select(w => w.Message).ToList(), cancellationToken);
            var now = clock.GetUtcNow();
            db.Inbox.AddRange(fresh.Select(w => new InboxMessage { MessageId = w.MessageId, Consumer = consumer, ProcessedAt = now, Authority = authority }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var done in batch)
        {
            done.Outcome.TrySetResult(Outcome.Done);
        }
    }

    private enum Outcome
    {
        Done,
        ApplyAlone,
    }

    private sealed class Waiting(Guid messageId, T message)
    {
        public Guid MessageId { get; } = messageId;

        public T Message { get; } = message;

        public TaskCompletionSource<Outcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The messages of one consumer and council waiting to be applied, and who may apply them.</summary>
    private sealed class Lane
    {
        private readonly List<Waiting> _waiting = [];

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public void Add(Waiting waiting)
        {
            lock (_waiting)
            {
                _waiting.Add(waiting);
            }
        }

        public List<Waiting> TakeAll()
        {
            lock (_waiting)
            {
                var all = _waiting.ToList();
                _waiting.Clear();
                return all;
            }
        }
    }
}
