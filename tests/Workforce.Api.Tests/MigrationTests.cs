using Microsoft.EntityFrameworkCore;
using Workforce.Api.Data;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Data;
using Workforce.Testing;
using Xunit;

namespace Workforce.Api.Tests;

public sealed class MigrationTests : MigrationTestsBase<SqliteWorkforceDbContext, PostgresWorkforceDbContext>
{
    protected override IReadOnlySet<string> CachedTables => WorkforceDbContext.CachedTables;

    protected override async Task SeedAtFirstMigrationAsync(ServiceDbContext db) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO assignments ("Authority", "StaffId", "ChangeId", "Version", "EffectiveFrom", "Team", "CensusRole", "Contract", "FteMillionths", "Registered", "CaseHolding", "RecordedAt")
            VALUES ({"841"}, {"post-1"}, {"itrent-1"}, {1L}, {new DateOnly(2024, 4, 1)}, {"north"}, {5}, {2}, {800_000L}, {true}, {true}, {DateTimeOffset.UtcNow})
            """);

    protected override async Task AssertSeedUpgradedAsync(ServiceDbContext db)
    {
        var change = await ((WorkforceDbContext)db).StaffChanges.SingleAsync(c => c.ChangeId == "itrent-1");
        Assert.Equal((ChangeKind.Assignment, "post-1", new DateOnly(2024, 4, 1), 800_000L, Contracts.ContractType.Agency),
            (change.Kind, change.StaffId, change.EffectiveDate, change.FteMillionths, change.Contract));
    }
}
