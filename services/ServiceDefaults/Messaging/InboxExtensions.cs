using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Messaging;

public static class InboxExtensions
{
    /// <summary>
    /// Runs <paramref name="apply"/> and records the message in the inbox in one transaction, unless this
    /// consumer already processed a message with the same MessageId. Returns false for such a duplicate.
    /// Two replicas racing on one message collide on the inbox key; the loser's retry then sees the record.
    /// </summary>
    public static async Task<bool> ConsumeOnceAsync(
        this ServiceDbContext db,
        ConsumeContext context,
        string consumer,
        TimeProvider clock,
        Func<CancellationToken, Task> apply)
    {
        var messageId = context.MessageId ?? throw new InvalidEventException("The message has no MessageId.");
        var cancellationToken = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var seen = await db.Inbox.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);
        if (seen)
        {
            return false;
        }

        await apply(cancellationToken);
        db.Inbox.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
