using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;
using Xunit;

namespace Workforce.Testing;

/// <summary>
/// Every service's migrations, on both engines: an empty database migrates to a schema that matches the model,
/// and a database created by the first migration (with data in it) upgrades to the latest without loss.
/// </summary>
public abstract class MigrationTestsBase<TSqlite, TPostgres>
    where TSqlite : ServiceDbContext
    where TPostgres : ServiceDbContext
{
    [Fact]
    public async Task Sqlite_empty_file_migrates_to_the_model()
    {
        await using var db = Sqlite();
        await db.Database.MigrateAsync();
        await AssertUpToDateAsync(db);
    }

    [Fact]
    public async Task Postgres_empty_database_migrates_to_the_model()
    {
        var name = PostgresDatabases.NewName("migrate");
        try
        {
            await using var db = Postgres(name);
            await db.Database.MigrateAsync();
            await AssertUpToDateAsync(db);
        }
        finally
        {
            await PostgresDatabases.DropAsync(name);
        }
    }

    [Fact]
    public async Task Sqlite_database_from_the_first_migration_upgrades_keeping_its_data()
    {
        await using var db = Sqlite();
        await UpgradeFromFirstMigrationAsync(db);
    }

    [Fact]
    public async Task Postgres_database_from_the_first_migration_upgrades_keeping_its_data()
    {
        var name = PostgresDatabases.NewName("upgrade");
        try
        {
            await using var db = Postgres(name);
            await UpgradeFromFirstMigrationAsync(db);
        }
        finally
        {
            await PostgresDatabases.DropAsync(name);
        }
    }

    /// <summary>The tables the service's read cache is built from.</summary>
    protected abstract IReadOnlySet<string> CachedTables { get; }

    [Fact]
    public async Task Postgres_cached_tables_notify_their_council_when_a_write_commits_and_not_before()
    {
        var name = PostgresDatabases.NewName("notify");
        try
        {
            await using (var db = Postgres(name))
            {
                await db.Database.MigrateAsync();
                var triggered = await db.Database.SqlQueryRaw<string>(
                    "SELECT c.relname AS \"Value\" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = c.relname || '_council_change'").ToListAsync();
                Assert.Equal(CachedTables.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
            }

            await using var listener = new NpgsqlConnection(PostgresDatabases.ConnectionString(name));
            await listener.OpenAsync();
            var heard = new List<string>();
            listener.Notification += (_, n) => heard.Add(n.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN {CouncilChangeNotifications.Channel}", listener))
            {
                await listen.ExecuteNonQueryAsync();
            }

            await using var writer = new NpgsqlConnection(PostgresDatabases.ConnectionString(name));
            await writer.OpenAsync();
            await using var transaction = await writer.BeginTransactionAsync();
            foreach (var purgedAt in new[] { "2026-01-01", "2026-01-02" })
            {
                await using var write = new NpgsqlCommand(
                    $"""
                    INSERT INTO retention_horizons ("Authority", "Horizon", "Cutoff", "PurgedAt") VALUES ('841', '2020-04-01', '2019-04-01', '{purgedAt}')
                    ON CONFLICT ("Authority") DO UPDATE SET "PurgedAt" = EXCLUDED."PurgedAt"
                    """, writer, transaction);
                await write.ExecuteNonQueryAsync();
            }

            Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300)), "a notification before the commit");
            await transaction.CommitAsync();
            Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10)), "no notification after the commit");
            Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300)), "the transaction's repeats were not folded into one");
            Assert.Equal(["841"], heard);
        }
        finally
        {
            await PostgresDatabases.DropAsync(name);
        }
    }

    /// <summary>Writes service-specific rows with the first migration's schema, to be checked after the upgrade.</summary>
    protected virtual Task SeedAtFirstMigrationAsync(ServiceDbContext db) => Task.CompletedTask;

    /// <summary>Checks that what <see cref="SeedAtFirstMigrationAsync"/> wrote survived the upgrade in its new form.</summary>
    protected virtual Task AssertSeedUpgradedAsync(ServiceDbContext db) => Task.CompletedTask;

    private async Task UpgradeFromFirstMigrationAsync(ServiceDbContext db)
    {
        var first = db.Database.GetMigrations().First();
        await db.GetService<IMigrator>().MigrateAsync(first);
        Assert.Equal([first], await db.Database.GetAppliedMigrationsAsync());

        // The inbox has existed since the first migration; a row written then must survive every upgrade.
        var messageId = Guid.NewGuid();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox (\"MessageId\", \"Consumer\", \"ProcessedAt\") VALUES ({messageId}, {"upgrade-test"}, {DateTimeOffset.UtcNow})");

        // An event written before outbox rows named their council: the upgrade takes it from the payload, so offboarding finds it.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO outbox (\"MessageId\", \"MessageType\", \"Payload\", \"CreatedAt\") VALUES ({Guid.NewGuid()}, {"upgrade-test"}, {"{\"authority\":\"841\",\"staffId\":\"p-1\"}"}, {DateTimeOffset.UtcNow})");

        await SeedAtFirstMigrationAsync(db);

        await db.Database.MigrateAsync();
        await AssertUpToDateAsync(db);
        await AssertSeedUpgradedAsync(db);
        Assert.True(await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == "upgrade-test"));
        Assert.Equal("841", (await db.Set<OutboxMessage>().SingleAsync(m => m.MessageType == "upgrade-test")).Authority);
    }

    [Fact]
    public async Task Every_table_of_the_migrated_database_is_council_data_offboarding_clears_or_declared_independent()
    {
        await using var db = Sqlite();
        await db.Database.MigrateAsync();
        var cleared = CouncilTables.Of(db.Model).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var independent = db.Model.GetEntityTypes()
            .Where(e => e.ClrType.GetCustomAttributes(typeof(CouncilIndependentAttribute), false).Length > 0)
            .Select(e => e.GetTableName()!)
            .Concat(["__EFMigrationsHistory", "__EFMigrationsLock"]);

        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToListAsync();

        Assert.Empty(tables.Except(cleared).Except(independent));
        Assert.Contains("outbox", cleared);
        Assert.Contains("inbox", cleared);
        Assert.DoesNotContain("offboarded_councils", cleared);
    }

    private static async Task AssertUpToDateAsync(ServiceDbContext db)
    {
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add a migration for both engines.");
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            // Each mapped table answers a query, so the schema really exists.
            var query = "SELECT COUNT(*) FROM \"" + entity.GetTableName() + "\"";
            await db.Database.ExecuteSqlRawAsync(query);
        }
    }

    private static TSqlite Sqlite()
    {
        var file = Path.Combine(TestEnvironment.NewScratchDirectory("sqlite"), "service.db");
        var options = new DbContextOptionsBuilder<TSqlite>().UseSqlite($"Data Source={file};Pooling=false").Options;
        return (TSqlite)Activator.CreateInstance(typeof(TSqlite), options)!;
    }

    private static TPostgres Postgres(string database)
    {
        var options = new DbContextOptionsBuilder<TPostgres>().UseNpgsql(PostgresDatabases.ConnectionString(database)).Options;
        return (TPostgres)Activator.CreateInstance(typeof(TPostgres), options)!;
    }
}
