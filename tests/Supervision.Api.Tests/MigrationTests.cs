using Supervision.Api.Data;
using Workforce.Testing;

namespace Supervision.Api.Tests;

public sealed class MigrationTests : MigrationTestsBase<SqliteSupervisionDbContext, PostgresSupervisionDbContext>
{
    protected override IReadOnlySet<string> CachedTables => SupervisionDbContext.CachedTables;
}
