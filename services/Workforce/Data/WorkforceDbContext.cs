using Microsoft.EntityFrameworkCore;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Data;

namespace Workforce.Api.Data;

public abstract class WorkforceDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<AssignmentRecord> Assignments => Set<AssignmentRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<AssignmentRecord>(assignment =>
        {
            assignment.ToTable("assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.Authority).HasMaxLength(16);
            assignment.Property(a => a.StaffId).HasMaxLength(64);
            assignment.Property(a => a.ChangeId).HasMaxLength(128);
            assignment.Property(a => a.Team).HasMaxLength(64);
            assignment.HasIndex(a => new { a.Authority, a.ChangeId }).IsUnique();
            assignment.HasIndex(a => new { a.Authority, a.StaffId, a.Version }).IsUnique();
        });
    }
}

public sealed class SqliteWorkforceDbContext(DbContextOptions<SqliteWorkforceDbContext> options) : WorkforceDbContext(options);

public sealed class PostgresWorkforceDbContext(DbContextOptions<PostgresWorkforceDbContext> options) : WorkforceDbContext(options);

public sealed class SqliteWorkforceDesignFactory : SqliteDesignFactory<SqliteWorkforceDbContext>;

public sealed class PostgresWorkforceDesignFactory : PostgresDesignFactory<PostgresWorkforceDbContext>;
