using Microsoft.EntityFrameworkCore;

namespace Workforce.ServiceDefaults.Audit;

/// <summary>
/// One answered read of absence or sickness data: who (token subject and roles), which scope (authority, team asked
/// for, the caller's own teams), which RPC, when and in which trace. Never a request's other values or the answer.
/// </summary>
public sealed class AuditRecord
{
    public long Sequence { get; set; }

    public required string Subject { get; set; }

    /// <summary>The token's roles, comma-separated.</summary>
    public required string Roles { get; set; }

    public required string Authority { get; set; }

    /// <summary>The team asked for; empty for the whole authority.</summary>
    public required string Team { get; set; }

    /// <summary>The token's team claims, comma-separated; empty for a caller of the whole authority.</summary>
    public required string CallerTeams { get; set; }

    public required string Rpc { get; set; }

    public required string Disclosure { get; set; }

    /// <summary>When it was answered, in milliseconds since the Unix epoch (SQLite cannot compare times in SQL).</summary>
    public long ReadAtUnixMs { get; set; }

    public required string TraceId { get; set; }
}

public static class AuditModel
{
    public static ModelBuilder AddAuditRecords(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditRecord>(record =>
        {
            record.ToTable("audit_records");
            record.HasKey(r => r.Sequence);
            record.Property(r => r.Sequence).ValueGeneratedOnAdd();
            record.Property(r => r.Authority).HasMaxLength(16);
            record.Property(r => r.Team).HasMaxLength(64);
            record.Property(r => r.Rpc).HasMaxLength(200);
            record.Property(r => r.Disclosure).HasMaxLength(32);
            record.Property(r => r.TraceId).HasMaxLength(32);
            record.HasIndex(r => new { r.Authority, r.ReadAtUnixMs });
            record.HasIndex(r => r.ReadAtUnixMs);
        });
        return modelBuilder;
    }
}
