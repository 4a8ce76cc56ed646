using Caseload.Api.Data;
using Workforce.Testing;

namespace Caseload.Api.Tests;

public sealed class MigrationTests : MigrationTestsBase<SqliteCaseloadDbContext, PostgresCaseloadDbContext>
{
    protected override IReadOnlySet<string> CachedTables => CaseloadDbContext.CachedTables;
}
