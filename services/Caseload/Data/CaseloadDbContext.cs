using Caseload.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Settings;

namespace Caseload.Api.Data;

public abstract class CaseloadDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    /// <summary>The tables the read cache is built from: a commit to any of them makes the council's cached state stale.</summary>
    public static readonly IReadOnlySet<string> CachedTables = new HashSet<string>(StringComparer.Ordinal) { "allocation_changes", "workers", "worker_periods", "worker_absences", "council_settings", "retention_horizons", "reported_caseloads" };

    public DbSet<Worker> Workers => Set<Worker>();

    public DbSet<AllocationChange> AllocationChanges => Set<AllocationChange>();

    public DbSet<AlertEpisode> AlertEpisodes => Set<AlertEpisode>();

    public DbSet<ReportedCaseload> ReportedCaseloads => Set<ReportedCaseload>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddCouncilSettingsReadModel();
        modelBuilder.Entity<ReportedCaseload>(reported =>
        {
            reported.ToTable("reported_caseloads");
            reported.HasKey(r => new { r.Authority, r.ReferenceDate, r.StaffId });
            reported.Property(r => r.Authority).HasMaxLength(16);
            reported.Property(r => r.StaffId).HasMaxLength(64);
            reported.Property(r => r.Source).HasMaxLength(64);
        });
        modelBuilder.Entity<AlertEpisode>(episode =>
        {
            episode.ToTable("alert_episodes");
            episode.HasKey(e => new { e.Authority, e.StaffId, e.Condition });
            episode.Property(e => e.Authority).HasMaxLength(16);
            episode.Property(e => e.StaffId).HasMaxLength(64);
            episode.Property(e => e.Condition).HasMaxLength(32);
        });
        modelBuilder.Entity<AllocationChange>(change =>
        {
            change.ToTable("allocation_changes");
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).ValueGeneratedOnAdd();
            change.Property(c => c.Authority).HasMaxLength(16);
            change.Property(c => c.ChangeId).HasMaxLength(128);
            change.Property(c => c.CaseId).HasMaxLength(64);
            change.Property(c => c.StaffId).HasMaxLength(64);
            change.Property(c => c.RetractsChangeId).HasMaxLength(128);
            change.HasIndex(c => new { c.Authority, c.ChangeId, c.SourceVersion }).IsUnique();
            change.HasIndex(c => new { c.Authority, c.CaseId });
            change.HasIndex(c => new { c.Authority, c.StaffId });
            // A council's log in recording order, and its corrections, which every alert evaluation re-reads.
            change.HasIndex(c => new { c.Authority, c.Sequence });
            change.HasIndex(c => new { c.Authority, c.Kind });
        });
        modelBuilder.Entity<Worker>(worker =>
        {
            worker.ToTable("workers");
            worker.HasKey(w => new { w.Authority, w.StaffId });
            worker.Property(w => w.Authority).HasMaxLength(16);
            worker.Property(w => w.StaffId).HasMaxLength(64);
            // Competing consumers, or an event and a rebuild, saving one worker at once: the slower save fails and retries.
            worker.Property(w => w.Version).IsConcurrencyToken();
            worker.OwnsMany(w => w.Periods, period =>
            {
                period.ToTable("worker_periods");
                period.WithOwner().HasForeignKey("Authority", "StaffId");
                period.Property<int>("Id");
                period.HasKey("Id");
                period.Property(p => p.Team).HasMaxLength(64);
            });
            worker.OwnsMany(w => w.Absences, absence =>
            {
                absence.ToTable("worker_absences");
                absence.WithOwner().HasForeignKey("Authority", "StaffId");
                absence.Property<int>("Id");
                absence.HasKey("Id");
            });
        });
    }
}

public sealed class SqliteCaseloadDbContext(DbContextOptions<SqliteCaseloadDbContext> options) : CaseloadDbContext(options);

public sealed class PostgresCaseloadDbContext(DbContextOptions<PostgresCaseloadDbContext> options) : CaseloadDbContext(options);

public sealed class SqliteCaseloadDesignFactory : SqliteDesignFactory<SqliteCaseloadDbContext>;

public sealed class PostgresCaseloadDesignFactory : PostgresDesignFactory<PostgresCaseloadDbContext>;
