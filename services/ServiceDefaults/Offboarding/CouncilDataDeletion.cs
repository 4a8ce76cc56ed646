using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Offboarding;

/// <summary>What offboarding found in one store: a table or an <c>_error</c> queue.</summary>
public sealed record StoreCount(string Kind, string Name, long Count)
{
    public const string Table = "table";
    public const string ErrorQueue = "error_queue";
}

/// <param name="OffboardedAt">When the tombstone was recorded; null on a dry run of a council not offboarded.</param>
public sealed record TableDeletion(IReadOnlyList<StoreCount> Tables, DateTimeOffset? OffboardedAt);

/// <summary>The database part of offboarding: one transaction deletes the council's rows from every council table and records the tombstone.</summary>
public static class CouncilDataDeletion
{
    /// <param name="announce">Adds what the service publishes about the offboarding, in the same transaction (the workforce service's event).</param>
    public static async Task<TableDeletion> OffboardAsync(
        ServiceDbContext db, string authority, bool dryRun, DateTimeOffset now, Action<ServiceDbContext, DateTimeOffset>? announce, CancellationToken cancellationToken)
    {
        var tables = CouncilTables.Of(db.Model);
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CouncilGate.LockExclusivelyAsync(db, authority, cancellationToken);
        var tombstone = await db.OffboardedCouncils.SingleOrDefaultAsync(c => c.Authority == authority, cancellationToken);

        var counts = new List<StoreCount>();
        foreach (var table in tables)
        {
            // Names come from the model, delimited; the authority is a parameter.
            var from = $"FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {sql.DelimitIdentifier(table.AuthorityColumn)} = {{0}}";
            var countSql = $"SELECT COUNT(*) AS {sql.DelimitIdentifier("Value")} {from}";
            var deleteSql = "DELETE " + from;
            var count = dryRun
                ? await db.Database.SqlQueryRaw<long>(countSql, authority).SingleAsync(cancellationToken)
                : await db.Database.ExecuteSqlRawAsync(deleteSql, [authority], cancellationToken);
            counts.Add(new StoreCount(StoreCount.Table, table.Name, count));
        }

        if (!dryRun)
        {
            if (tombstone is null)
            {
                tombstone = new OffboardedCouncil { Authority = authority, OffboardedAt = now };
                db.OffboardedCouncils.Add(tombstone);
            }

            // Announced again on a repeat: harmless downstream, and it reaches a service that missed the first.
            announce?.Invoke(db, tombstone.OffboardedAt);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new TableDeletion(counts, tombstone?.OffboardedAt);
    }

    /// <summary>Removes the tombstone so the council can be onboarded again; false when there was none.</summary>
    public static async Task<bool> LiftAsync(ServiceDbContext db, string authority, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CouncilGate.LockExclusivelyAsync(db, authority, cancellationToken);
        var lifted = await db.OffboardedCouncils.Where(c => c.Authority == authority).ExecuteDeleteAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return lifted;
    }
}
