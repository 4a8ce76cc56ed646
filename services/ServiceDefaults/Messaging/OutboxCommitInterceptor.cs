using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Messaging;

/// <summary>
/// Signals the dispatcher after a commit that wrote outbox rows. Commits without any (most consumed events) do not
/// wake it: each wake costs a claim query.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ServiceDbContext { OutboxWritten: true } db)
        {
            db.OutboxWritten = false;
            signal.Notify();
        }

        return Task.CompletedTask;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ServiceDbContext db && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            db.OutboxWritten = true;
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside an explicit transaction nothing is visible yet; TransactionCommittedAsync signals then.
        if (eventData.Context is ServiceDbContext { OutboxWritten: true } db && db.Database.CurrentTransaction is null)
        {
            db.OutboxWritten = false;
            signal.Notify();
        }

        return ValueTask.FromResult(result);
    }
}
