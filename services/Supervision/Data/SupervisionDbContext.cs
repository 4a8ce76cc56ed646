using Microsoft.EntityFrameworkCore;
using Supervision.Api.Domain;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Settings;

namespace Supervision.Api.Data;

public abstract class SupervisionDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    /// <summary>The tables the read cache is built from: a commit to any of them makes the council's cached state stale.</summary>
    public static readonly IReadOnlySet<string> CachedTables = new HashSet<string>(StringComparer.Ordinal) { "sessions", "supervised_staff", "supervision_periods", "supervision_absences", "council_settings", "retention_horizons" };

    public DbSet<SupervisedStaff> Staff => Set<SupervisedStaff>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<OverdueEpisode> OverdueEpisodes => Set<OverdueEpisode>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddCouncilSettingsReadModel();
        modelBuilder.Entity<OverdueEpisode>(episode =>
        {
            episode.ToTable("overdue_episodes");
            episode.HasKey(e => new { e.Authority, e.StaffId });
            episode.Property(e => e.Authority).HasMaxLength(16);
            episode.Property(e => e.StaffId).HasMaxLength(64);
            // Two replicas scanning at once: the second to move an episode on fails instead of alerting again.
            episode.Property(e => e.DueDate).IsConcurrencyToken();
        });
        modelBuilder.Entity<SessionRecord>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Sequence);
            session.Property(s => s.Sequence).ValueGeneratedOnAdd();
            session.Property(s => s.Authority).HasMaxLength(16);
            session.Property(s => s.SessionId).HasMaxLength(128);
            session.Property(s => s.SuperviseeStaffId).HasMaxLength(64);
            session.Property(s => s.SupervisorStaffId).HasMaxLength(64);
            session.Property(s => s.RetractsSessionId).HasMaxLength(128);
            session.Ignore(s => s.Actions);
            session.HasIndex(s => new { s.Authority, s.SessionId, s.SourceVersion }).IsUnique();
            session.HasIndex(s => new { s.Authority, s.SuperviseeStaffId });
            // A council's sessions in recording order (readers, incremental reads).
            session.HasIndex(s => new { s.Authority, s.Sequence });
        });
        modelBuilder.Entity<SupervisedStaff>(staff =>
        {
            staff.ToTable("supervised_staff");
            staff.HasKey(s => new { s.Authority, s.StaffId });
            staff.Property(s => s.Authority).HasMaxLength(16);
            staff.Property(s => s.StaffId).HasMaxLength(64);
            // Competing consumers, or an event and a rebuild, saving one post at once: the slower save fails and retries.
            staff.Property(s => s.Version).IsConcurrencyToken();
            staff.OwnsMany(s => s.Periods, period =>
            {
                period.ToTable("supervision_periods");
                period.WithOwner().HasForeignKey("Authority", "StaffId");
                period.Property<int>("Id");
                period.HasKey("Id");
                period.Property(p => p.Team).HasMaxLength(64);
                period.Property(p => p.LineManagerStaffId).HasMaxLength(64);
            });
            staff.OwnsMany(s => s.Absences, absence =>
            {
                absence.ToTable("supervision_absences");
                absence.WithOwner().HasForeignKey("Authority", "StaffId");
                absence.Property<int>("Id");
                absence.HasKey("Id");
            });
        });
    }
}

public sealed class SqliteSupervisionDbContext(DbContextOptions<SqliteSupervisionDbContext> options) : SupervisionDbContext(options);

public sealed class PostgresSupervisionDbContext(DbContextOptions<PostgresSupervisionDbContext> options) : SupervisionDbContext(options);

public sealed class SqliteSupervisionDesignFactory : SqliteDesignFactory<SqliteSupervisionDbContext>;

public sealed class PostgresSupervisionDesignFactory : PostgresDesignFactory<PostgresSupervisionDbContext>;
