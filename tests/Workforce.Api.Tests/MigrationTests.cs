using Workforce.Api.Data;
using Workforce.Testing;

namespace Workforce.Api.Tests;

public sealed class MigrationTests : MigrationTestsBase<SqliteWorkforceDbContext, PostgresWorkforceDbContext>;
