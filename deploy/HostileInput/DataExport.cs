using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workforce.HostileInput;

/// <summary>
/// Every row of every table of the services' databases as text, tables by name and rows in order, so two exports
/// are byte-identical exactly when the data is. Rows of the sandbox council are left out — in its own tables, in
/// the outbox (events naming it) and in the inbox (those events consumed) — as is SQLite's sequence bookkeeping, and
/// the audit records, which record the barrage's own reads of absence data rather than data it could change.
/// </summary>
public sealed class DataExport(IReadOnlyDictionary<string, Func<DbConnection>> databases, string sandbox)
{
    public static DataExport Sqlite(string directory, string sandbox) => new(
        new[] { "workforce", "caseload", "supervision" }.ToDictionary(s => s, s => (Func<DbConnection>)(() =>
            new SqliteConnection($"Data Source={Path.Combine(directory, s + ".db")};Mode=ReadOnly;Pooling=false"))),
        sandbox);

    public static DataExport Postgres(IReadOnlyDictionary<string, string> connectionStrings, string sandbox) => new(
        connectionStrings.ToDictionary(s => s.Key, s => (Func<DbConnection>)(() => new NpgsqlConnection(s.Value))), sandbox);

    public async Task<Snapshot> TakeAsync(CancellationToken cancellationToken = default)
    {
        var tables = new List<(string Name, List<Dictionary<string, string>> Rows)>();
        foreach (var (service, connect) in databases.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            await using var connection = connect();
            await connection.OpenAsync(cancellationToken);
            foreach (var table in (await TableNamesAsync(connection, cancellationToken)).Where(t => t != "audit_records"))
            {
                tables.Add(($"{service}.{table}", await RowsAsync(connection, table, cancellationToken)));
            }
        }

        var sandboxEvents = tables.Where(t => t.Name.EndsWith(".outbox", StringComparison.Ordinal))
            .SelectMany(t => t.Rows).Where(MentionsSandbox).Select(r => Normalise(r["MessageId"])).ToHashSet();
        var text = new StringBuilder();
        var unsent = 0;
        foreach (var (name, rows) in tables)
        {
            text.Append("== ").Append(name).Append(" ==\n");
            var kept = rows.Where(r => !MentionsSandbox(r) && !(r.TryGetValue("MessageId", out var id) && sandboxEvents.Contains(Normalise(id))));
            foreach (var line in kept.Select(r => string.Join(" | ", r.Select(c => $"{c.Key}={c.Value}"))).Order(StringComparer.Ordinal))
            {
                text.Append(line).Append('\n');
            }

            if (name.EndsWith(".outbox", StringComparison.Ordinal))
            {
                unsent += rows.Count(r => r["SentAt"] == "NULL");
            }
        }

        return new Snapshot(text.ToString(), unsent);
    }

    /// <summary>Takes exports until nothing is left to publish and three in a row, a second apart, are the same: the services are at rest.</summary>
    public async Task<Snapshot> SettledAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await TakeAsync();
        var same = 0;
        while (same < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The services' data did not settle within {timeout} ({last.UnsentEvents} events unsent).");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            var next = await TakeAsync();
            same = next.Text == last.Text && next.UnsentEvents == 0 ? same + 1 : 0;
            last = next;
        }

        return last;
    }

    private bool MentionsSandbox(Dictionary<string, string> row) =>
        row.Values.Any(v => v == sandbox || v.Contains($"\"authority\":\"{sandbox}\"", StringComparison.Ordinal));

    private static string Normalise(string id) => Guid.TryParse(id, out var guid) ? guid.ToString("N") : id;

    private static async Task<List<string>> TableNamesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<List<Dictionary<string, string>>> RowsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var rows = new List<Dictionary<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = Format(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>One export: its text, and how many events were still waiting in the outboxes.</summary>
public sealed record Snapshot(string Text, int UnsentEvents)
{
    public string Sha256 => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..16].ToLowerInvariant();

    public int Rows => Text.Split('\n').Count(line => line.Length > 0 && !line.StartsWith("== ", StringComparison.Ordinal));
}
