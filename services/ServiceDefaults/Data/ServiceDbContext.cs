using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Audit;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Offboarding;

namespace Workforce.ServiceDefaults.Data;

/// <summary>
/// Base of every service's database: the service's own tables plus the outbox (events to publish,
/// written in the same transaction as the change) and the inbox (messages already consumed).
/// Each service derives one provider-specific context per engine so each keeps its own migrations.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    public DbSet<OffboardedCouncil> OffboardedCouncils => Set<OffboardedCouncil>();

    /// <summary>Outbox rows were saved and their commit has not yet woken the dispatcher (<see cref="OutboxCommitInterceptor"/>).</summary>
    internal bool OutboxWritten { get; set; }

    /// <summary>Councils whose cached rows were saved and whose commit has not yet been told (<see cref="Caching.CouncilChangeInterceptor"/>).</summary>
    internal HashSet<string> ChangedCouncils { get; } = new(StringComparer.Ordinal);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.HasIndex(m => new { m.SentAt, m.Sequence });
            outbox.Property(m => m.MessageType).HasMaxLength(512);
            outbox.Property(m => m.TraceParent).HasMaxLength(128);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.Property(m => m.ClaimedBy).HasMaxLength(200);
            outbox.Property(m => m.Authority).HasMaxLength(16);
            outbox.HasIndex(m => m.Authority);
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.Property(m => m.Authority).HasMaxLength(16);
            inbox.HasIndex(m => m.Authority);
        });

        modelBuilder.Entity<OffboardedCouncil>(offboarded =>
        {
            offboarded.ToTable("offboarded_councils");
            offboarded.HasKey(c => c.Authority);
            offboarded.Property(c => c.Authority).HasMaxLength(16);
        });

        modelBuilder.AddRetention();
        modelBuilder.AddAuditRecords();
    }
}
