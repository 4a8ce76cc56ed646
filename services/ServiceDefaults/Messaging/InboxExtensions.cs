using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Offboarding;

namespace Workforce.ServiceDefaults.Messaging;

public static partial class InboxExtensions
{
    /// <summary>
    /// Runs <paramref name="apply"/> and records the message in the inbox in one transaction, unless this
    /// consumer already processed a message with the same MessageId. Returns false for such a duplicate.
    /// Two replicas racing on one message collide on the inbox key; the loser's retry then sees the record.
    /// An event of an offboarded council is dropped (logged, not applied, not recorded), so it cannot bring the council back.
    /// </summary>
    public static async Task<bool> ConsumeOnceAsync<T>(
        this ServiceDbContext db,
        ConsumeContext<T> context,
        string consumer,
        TimeProvider clock,
        ILogger logger,
        Func<CancellationToken, Task> apply)
        where T : class
    {
        var messageId = context.MessageId ?? throw new InvalidEventException("The message has no MessageId.");
        var cancellationToken = context.CancellationToken;

        var authority = (context.Message as ICouncilData)?.Authority;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (authority is not null && await db.IsOffboardedAsync(authority, cancellationToken))
        {
            LogDropped(logger, consumer, authority, messageId);
            return false;
        }

        var seen = await db.Inbox.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);
        if (seen)
        {
            return false;
        }

        await apply(cancellationToken);
        db.Inbox.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = clock.GetUtcNow(), Authority = authority });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Consumer} dropped message {MessageId}: authority {Authority} is offboarded")]
    internal static partial void LogDropped(ILogger logger, string consumer, string authority, Guid messageId);
}
