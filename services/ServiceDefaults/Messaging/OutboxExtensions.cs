using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Messaging;

public static class OutboxExtensions
{
    /// <summary>Adds an integration event to the unit of work: it is published if and only if SaveChanges commits.</summary>
    public static OutboxMessage AddIntegrationEvent<T>(this ServiceDbContext db, T message, TimeProvider clock) where T : class
    {
        var row = OutboxMessage.Create(message, clock.GetUtcNow());
        db.Outbox.Add(row);
        return row;
    }
}
