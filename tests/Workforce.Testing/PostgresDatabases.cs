using Npgsql;

namespace Workforce.Testing;

/// <summary>Fresh, uniquely named databases on the test PostgreSQL server, dropped afterwards.</summary>
public static class PostgresDatabases
{
    public static string NewName(string purpose) => $"wf_{purpose}_{Guid.NewGuid():N}"[..(purpose.Length + 12)];

    /// <summary>A connection string to <paramref name="database"/> (which a service creates on first start).</summary>
    /// <param name="server">A server other than the shared test server (e.g. a <see cref="PrivatePostgres"/>).</param>
    public static string ConnectionString(string database, string? server = null) =>
        new NpgsqlConnectionStringBuilder(server ?? TestEnvironment.PostgresConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public static async Task DropAsync(string database, string? server = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(server ?? TestEnvironment.PostgresConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
