using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workforce.Offboard;

/// <summary>Rows of one council in one table, found from the database's own catalog.</summary>
/// <param name="HasAuthorityColumn">False for a table without an <c>Authority</c> column, whose every text value was searched instead.</param>
public sealed record ScannedTable(string Service, string Table, bool HasAuthorityColumn, long Rows)
{
    /// <summary>The tombstone: it holds the authority code (public) on purpose, and stops the council's data coming back.</summary>
    public bool IsTombstone => Table == CouncilDataScan.TombstoneTable;
}

/// <summary>
/// Scans every table of every service database for one council, enumerating tables from the catalog rather than the
/// services' models, so a table the code forgot still shows: by its <c>Authority</c> column, or else by any value equal
/// to the authority or an event payload naming it.
/// </summary>
public sealed class CouncilDataScan(IReadOnlyDictionary<string, Func<DbConnection>> databases)
{
    public const string TombstoneTable = "offboarded_councils";
    private const string AuthorityColumn = "Authority";

    public static readonly string[] Services = ["workforce", "caseload", "supervision"];

    public static CouncilDataScan Sqlite(string directory) => new(Services.ToDictionary(s => s, s => (Func<DbConnection>)(() =>
        new SqliteConnection($"Data Source={Path.Combine(directory, s + ".db")};Mode=ReadOnly;Pooling=false"))));

    /// <summary>Each service's database (named after it) on one server: <paramref name="server"/> is a connection string without a database.</summary>
    public static CouncilDataScan Postgres(string server) => new(Services.ToDictionary(s => s, s => (Func<DbConnection>)(() =>
        new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = s }.ConnectionString))));

    public static CouncilDataScan Postgres(IReadOnlyDictionary<string, string> connectionStrings) => new(
        connectionStrings.ToDictionary(s => s.Key, s => (Func<DbConnection>)(() => new NpgsqlConnection(s.Value))));

    public async Task<IReadOnlyList<ScannedTable>> ScanAsync(string authority, CancellationToken cancellationToken = default)
    {
        var found = new List<ScannedTable>();
        foreach (var (service, connect) in databases)
        {
            await using var connection = connect();
            await connection.OpenAsync(cancellationToken);
            foreach (var table in await TablesAsync(connection, cancellationToken))
            {
                var columns = await ColumnsAsync(connection, table, cancellationToken);
                var rows = columns.Contains(AuthorityColumn)
                    ? await CountAsync(connection, table, authority, cancellationToken)
                    : await CountMentionsAsync(connection, table, authority, cancellationToken);
                found.Add(new ScannedTable(service, table, columns.Contains(AuthorityColumn), rows));
            }
        }

        return found;
    }

    private static async Task<List<string>> TablesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE' ORDER BY table_name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Quote(table)} WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<long> CountAsync(DbConnection connection, string table, string authority, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)} WHERE {Quote(AuthorityColumn)} = @authority";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@authority";
        parameter.Value = authority;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows with a value equal to the authority or a JSON payload naming it: a table without the column is read whole.</summary>
    private static async Task<long> CountMentionsAsync(DbConnection connection, string table, string authority, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Quote(table)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var named = $"\"authority\":\"{authority}\"";
        var rows = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i) && Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) is { } text
                    && (text == authority || text.Contains(named, StringComparison.OrdinalIgnoreCase)))
                {
                    rows++;
                    break;
                }
            }
        }

        return rows;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
