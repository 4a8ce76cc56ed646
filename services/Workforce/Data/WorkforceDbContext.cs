using Microsoft.EntityFrameworkCore;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Data;

namespace Workforce.Api.Data;

public abstract class WorkforceDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    /// <summary>The tables the read cache is built from: a commit to any of them makes the council's cached state stale.</summary>
    public static readonly IReadOnlySet<string> CachedTables = new HashSet<string>(StringComparer.Ordinal) { "staff_changes", "retention_horizons" };

    public DbSet<StaffChange> StaffChanges => Set<StaffChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StaffChange>(change =>
        {
            change.ToTable("staff_changes");
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).ValueGeneratedOnAdd();
            change.Property(c => c.Authority).HasMaxLength(16);
            change.Property(c => c.ChangeId).HasMaxLength(128);
            change.Property(c => c.StaffId).HasMaxLength(64);
            change.Property(c => c.PersonId).HasMaxLength(64);
            change.Property(c => c.Team).HasMaxLength(64);
            change.Property(c => c.SweNumber).HasMaxLength(16);
            change.Property(c => c.LineManagerStaffId).HasMaxLength(64);
            change.Property(c => c.LeavingReason).HasMaxLength(64);
            change.Property(c => c.RetractsChangeId).HasMaxLength(128);
            change.HasIndex(c => new { c.Authority, c.ChangeId, c.SourceVersion }).IsUnique();
            change.HasIndex(c => new { c.Authority, c.StaffId });
            // A council's log in recording order (readers, incremental reads), and its corrections and settings, which
            // every batch re-reads beside the touched posts' rows.
            change.HasIndex(c => new { c.Authority, c.Sequence });
            change.HasIndex(c => new { c.Authority, c.Kind });
        });
    }
}

public sealed class SqliteWorkforceDbContext(DbContextOptions<SqliteWorkforceDbContext> options) : WorkforceDbContext(options);

public sealed class PostgresWorkforceDbContext(DbContextOptions<PostgresWorkforceDbContext> options) : WorkforceDbContext(options);

public sealed class SqliteWorkforceDesignFactory : SqliteDesignFactory<SqliteWorkforceDbContext>;

public sealed class PostgresWorkforceDesignFactory : PostgresDesignFactory<PostgresWorkforceDbContext>;
