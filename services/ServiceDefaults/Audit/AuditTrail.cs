using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Audit;

/// <summary>Where audit records go; a read is answered only once its records are written.</summary>
public interface IAuditTrail
{
    /// <summary>Writes a read's records (one per council it answered for) together, or none of them.</summary>
    Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);
}

/// <summary>The service's own <c>audit_records</c> table.</summary>
public sealed class DatabaseAuditTrail(ServiceDbContext db) : IAuditTrail
{
    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        db.Set<AuditRecord>().AddRange(records);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            // The read's context stays clean whether or not the write succeeded.
            foreach (var record in records)
            {
                db.Entry(record).State = EntityState.Detached;
            }
        }
    }
}

/// <summary>How long audit records are kept (<c>Audit:RetentionDays</c>) and how often older ones are removed.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Six years by default.</summary>
    public int RetentionDays { get; set; } = 2190;

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Records read before this time are past their retention.</summary>
    public long ExpiredBeforeUnixMs(DateTimeOffset now) => now.AddDays(-RetentionDays).ToUnixTimeMilliseconds();
}
