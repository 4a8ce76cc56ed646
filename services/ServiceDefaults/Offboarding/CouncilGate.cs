using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Offboarding;

/// <summary>
/// The tombstone check every write and every consumed event makes inside its transaction. On PostgreSQL writers take a
/// shared per-council lock and offboarding an exclusive one, so a write either commits before the offboarding (and its
/// rows are deleted with the rest) or waits and then sees the tombstone; SQLite has a single writer anyway.
/// </summary>
public static class CouncilGate
{
    // The two-key advisory locks are a space apart from the one-key per-council writer locks the services take.
    private const int LockSpace = 8;

    /// <summary>Whether <paramref name="authority"/> is offboarded; call inside the write's transaction.</summary>
    public static async Task<bool> IsOffboardedAsync(this ServiceDbContext db, string authority, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({LockSpace}, hashtext({authority}))", cancellationToken);
        }

        return await db.OffboardedCouncils.AnyAsync(c => c.Authority == authority, cancellationToken);
    }

    /// <summary>Throws FAILED_PRECONDITION when <paramref name="authority"/> is offboarded; call inside the write's transaction.</summary>
    public static async Task ThrowIfOffboardedAsync(this ServiceDbContext db, string authority, CancellationToken cancellationToken)
    {
        if (await db.IsOffboardedAsync(authority, cancellationToken))
        {
            throw Refusal(authority);
        }
    }

    public static RpcException Refusal(string authority) => new(new Status(StatusCode.FailedPrecondition,
        $"Authority '{authority}' has been offboarded: nothing is recorded for it until an operator lifts that (operations.v1.Councils/LiftOffboarding)."));

    internal static async Task LockExclusivelyAsync(ServiceDbContext db, string authority, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, hashtext({authority}))", cancellationToken);
        }
    }
}
