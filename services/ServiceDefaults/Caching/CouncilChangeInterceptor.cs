using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>The tables a service's read cache is built from (each has an <c>Authority</c> column).</summary>
public sealed record CachedTables(IReadOnlySet<string> Names)
{
    public static readonly CachedTables None = new(new HashSet<string>());
}

/// <summary>
/// Tells <see cref="CouncilChanges"/> of this process's own commits to cached tables as they happen, so a caller that
/// wrote reads its write next, before the database's notification arrives. A change is told once its transaction has
/// committed; telling it again, or of a change that was rolled back, costs one extra check and is harmless.
/// </summary>
public sealed class CouncilChangeInterceptor(CouncilChanges changes, CachedTables tables) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        TellIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        TellIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => TellIfCommitted(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TellIfCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Tell(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tell(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is not ServiceDbContext db || tables.Names.Count == 0)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Metadata.GetTableName() is { } table && tables.Names.Contains(table)
                && entry.Metadata.FindProperty("Authority") is { } authority
                && entry.Property(authority.Name).CurrentValue is string council)
            {
                db.ChangedCouncils.Add(council);
            }
        }
    }

    /// <summary>Without an explicit transaction, SaveChanges committed its own; inside one, nothing is visible until it commits.</summary>
    private void TellIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Tell(context);
        }
    }

    private void Tell(DbContext? context)
    {
        if (context is not ServiceDbContext { ChangedCouncils.Count: > 0 } db)
        {
            return;
        }

        foreach (var council in db.ChangedCouncils)
        {
            changes.Changed(council);
        }

        db.ChangedCouncils.Clear();
    }
}
