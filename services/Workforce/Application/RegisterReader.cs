using Microsoft.EntityFrameworkCore;
using Workforce.Api.Data;
using Workforce.Api.Domain;

namespace Workforce.Api.Application;

/// <summary>Builds a council's register from its change log, as known at a time.</summary>
public sealed class RegisterReader(WorkforceDbContext db)
{
    public async Task<Register> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        // Recorded-at filtering happens in memory: SQLite cannot compare DateTimeOffset values in SQL.
        var log = await db.StaffChanges.AsNoTracking()
            .Where(c => c.Authority == authority)
            .ToListAsync(cancellationToken);
        return Register.Build(log, knownAt);
    }
}
