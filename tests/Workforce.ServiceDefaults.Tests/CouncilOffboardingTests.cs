using System.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

/// <summary>The plain parts of offboarding: which tables are council data, the database deletion and tombstone, and whose an error message is.</summary>
public sealed class CouncilOffboardingTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Council_tables_are_every_entity_with_an_authority_dependents_first_without_the_tombstone()
    {
        using var db = Ledgers.Create();

        var tables = CouncilTables.Of(db.Model);

        // The test's own tables beside every service's shared ones (audit, retention, outbox and inbox).
        Assert.Equal(["ledger_lines", "audit_records", "frozen_figures", "inbox", "ledgers", "outbox", "retention_horizons"], tables.Select(t => t.Name));
        Assert.All(tables, t => Assert.Equal("Authority", t.AuthorityColumn));
    }

    [Fact]
    public void An_entity_without_an_authority_that_is_not_declared_independent_is_refused()
    {
        using var db = new Undeclared(new DbContextOptionsBuilder<Undeclared>().UseSqlite("Data Source=:memory:").Options);

        var refused = Assert.Throws<InvalidOperationException>(() => CouncilTables.Of(db.Model));

        Assert.Contains(nameof(Rate), refused.Message);
        Assert.DoesNotContain(nameof(Policy), refused.Message);
    }

    [Fact]
    public async Task Offboarding_deletes_one_councils_rows_from_every_table_records_a_tombstone_and_is_safe_to_repeat()
    {
        await using var db = Ledgers.Create();
        await db.Database.EnsureCreatedAsync();
        await SeedAsync(db, "841", lines: 2);
        await SeedAsync(db, "840", lines: 3);

        var dryRun = await CouncilDataDeletion.OffboardAsync(db, "841", dryRun: true, Now, null, default);
        var unchanged = await CountsAsync(db, "841");
        var announced = 0;
        var done = await CouncilDataDeletion.OffboardAsync(db, "841", dryRun: false, Now, (_, _) => announced++, default);
        var repeat = await CouncilDataDeletion.OffboardAsync(db, "841", dryRun: false, Now.AddDays(1), (_, _) => announced++, default);

        Assert.Equal(
            [("ledger_lines", 2L), ("audit_records", 0L), ("frozen_figures", 0L), ("inbox", 1L), ("ledgers", 1L), ("outbox", 1L), ("retention_horizons", 0L)],
            dryRun.Tables.Select(t => (t.Name, t.Count)));
        Assert.Null(dryRun.OffboardedAt);
        Assert.Equal((2, 1, 1, 1), unchanged);
        Assert.Equal(dryRun.Tables, done.Tables);
        Assert.Equal(Now, done.OffboardedAt);
        Assert.All(repeat.Tables, t => Assert.Equal(0, t.Count));
        Assert.Equal(Now, repeat.OffboardedAt);
        Assert.Equal(2, announced);
        Assert.Equal((0, 0, 0, 0), await CountsAsync(db, "841"));
        Assert.Equal((3, 1, 1, 1), await CountsAsync(db, "840"));
        Assert.Equal(["841"], await db.OffboardedCouncils.Select(c => c.Authority).ToListAsync());
    }

    [Fact]
    public async Task After_offboarding_writes_are_refused_until_the_tombstone_is_lifted()
    {
        await using var db = Ledgers.Create();
        await db.Database.EnsureCreatedAsync();
        await CouncilDataDeletion.OffboardAsync(db, "841", dryRun: false, Now, null, default);

        var refused = await Assert.ThrowsAsync<RpcException>(() => db.ThrowIfOffboardedAsync("841", default));
        await db.ThrowIfOffboardedAsync("840", default);
        var lifted = await CouncilDataDeletion.LiftAsync(db, "841", default);
        var again = await CouncilDataDeletion.LiftAsync(db, "841", default);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("'841'", refused.Status.Detail);
        Assert.True(lifted);
        Assert.False(again);
        Assert.False(await db.IsOffboardedAsync("841", default));
    }

    [Theory]
    [InlineData("""{"messageId":"x","messageType":["urn:message:Workforce.Contracts:StaffMemberChanged"],"message":{"authority":"841","staffId":"p-1"}}""", "841")]
    [InlineData("""{"Message":{"Authority":"840"}}""", "840")]
    [InlineData("""{"authority":"839","staffId":"p-1"}""", "839")]
    [InlineData("""{"message":{"staffId":"p-1"}}""", null)]
    [InlineData("""{"message":{"authority":841}}""", null)]
    [InlineData("""["841"]""", null)]
    [InlineData("not json", null)]
    public void An_error_message_belongs_to_the_authority_its_event_names(string body, string? authority) =>
        Assert.Equal(authority, ErrorMessageAuthority.Of(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Outbox_rows_name_the_council_of_council_data_but_not_of_the_offboarding_notice()
    {
        var alert = OutboxMessage.Create(new SupervisionOverdue("841", "p-1", null, new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30), 29, Now), Now);
        var notice = OutboxMessage.Create(new CouncilOffboarded("841", Now), Now);

        Assert.Equal(("841", null), (alert.Authority, notice.Authority));
    }

    [Fact]
    public void Every_contract_with_an_authority_is_council_data_except_the_offboarding_notice()
    {
        var withAuthority = typeof(ICouncilData).Assembly.GetTypes().Where(t => t.IsClass && t.GetProperty(nameof(ICouncilData.Authority)) is not null);

        Assert.Equal([nameof(CouncilOffboarded)], withAuthority.Where(t => !typeof(ICouncilData).IsAssignableFrom(t)).Select(t => t.Name));
    }

    private static async Task SeedAsync(Ledgers db, string authority, int lines)
    {
        var ledger = new Ledger { Authority = authority, Name = "l-" + authority };
        ledger.Lines.AddRange(Enumerable.Range(0, lines).Select(i => new LedgerLine { Amount = i }));
        db.Add(ledger);
        db.AddIntegrationEvent(new SupervisionOverdue(authority, "p-1", null, new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30), 29, Now), TimeProvider.System);
        db.AddIntegrationEvent(new CouncilOffboarded("other", Now), TimeProvider.System);
        db.Inbox.Add(new InboxMessage { MessageId = Guid.NewGuid(), Consumer = "c", ProcessedAt = Now, Authority = authority });
        await db.SaveChangesAsync();
    }

    private static async Task<(int Lines, int Ledgers, int Outbox, int Inbox)> CountsAsync(Ledgers db, string authority) => (
        await db.Set<Ledger>().Where(l => l.Authority == authority).SelectMany(l => l.Lines).CountAsync(),
        await db.Set<Ledger>().CountAsync(l => l.Authority == authority),
        await db.Outbox.CountAsync(m => m.Authority == authority),
        await db.Inbox.CountAsync(m => m.Authority == authority));

    private sealed class Ledger
    {
        public required string Authority { get; set; }

        public required string Name { get; set; }

        public List<LedgerLine> Lines { get; } = [];
    }

    private sealed class LedgerLine
    {
        public int Amount { get; set; }
    }

    private sealed class Ledgers(DbContextOptions<Ledgers> options) : ServiceDbContext(options)
    {
        public static Ledgers Create() => new(new DbContextOptionsBuilder<Ledgers>()
            .UseSqlite($"Data Source={Path.Combine(TestEnvironment.NewScratchDirectory("offboarding"), "ledgers.db")};Pooling=false").Options);

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<Ledger>(ledger =>
            {
                ledger.ToTable("ledgers");
                ledger.HasKey(l => new { l.Authority, l.Name });
                ledger.OwnsMany(l => l.Lines, line =>
                {
                    line.ToTable("ledger_lines");
                    line.WithOwner().HasForeignKey("Authority", "Name");
                    line.Property<int>("Id");
                    line.HasKey("Id");
                });
            });
        }
    }

    private sealed class Rate
    {
        public int Id { get; set; }
    }

    [CouncilIndependent("A test's national reference data.")]
    private sealed class Policy
    {
        public int Id { get; set; }
    }

    private sealed class Undeclared(DbContextOptions<Undeclared> options) : ServiceDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<Rate>().ToTable("rates");
            modelBuilder.Entity<Policy>().ToTable("policies");
        }
    }
}
