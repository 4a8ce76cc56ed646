using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;

namespace Workforce.LoadDriver;

/// <summary>The three answers as one hand-written query each, over <see cref="Rows"/>: what an analyst would run instead.</summary>
public static class AnalystQueries
{
    public const string Schema = """
        CREATE TABLE assignments (authority TEXT, staff_id TEXT, agency BOOLEAN, registered BOOLEAN, fte DOUBLE PRECISION, team TEXT, valid_from DATE, valid_to DATE);
        CREATE TABLE allocations (authority TEXT, case_id TEXT, staff_id TEXT, valid_from DATE, valid_to DATE);
        CREATE TABLE sessions (authority TEXT, supervisee TEXT, day DATE, individual BOOLEAN);
        """;

    /// <summary>Covering indexes for PostgreSQL; DuckDB scans its columns instead.</summary>
    public const string Indexes = """
        CREATE INDEX ON assignments (authority, valid_from, valid_to) INCLUDE (staff_id, agency, registered, fte);
        CREATE INDEX ON allocations (authority, valid_from, valid_to) INCLUDE (staff_id);
        CREATE INDEX ON sessions (authority, supervisee, day) INCLUDE (individual);
        ANALYZE;
        """;

    /// <summary>Agency rate by FTE at a date (DfE): agency ÷ (agency + directly employed), registered staff in post.</summary>
    public static string AgencyRate(string authority, DateOnly asOf) => $"""
        SELECT 100 * sum(fte) FILTER (WHERE agency) / nullif(sum(fte), 0)
        FROM assignments WHERE authority = '{authority}' AND registered AND valid_from <= DATE '{asOf:yyyy-MM-dd}' AND valid_to > DATE '{asOf:yyyy-MM-dd}'
        """;

    /// <summary>DfE average caseload and the share of case holders at or under 18 cases pro rata.</summary>
    public static string TargetProgress(string authority, DateOnly asOf) => $"""
        WITH held AS (
          SELECT staff_id, count(*) AS cases FROM allocations
          WHERE authority = '{authority}' AND valid_from <= DATE '{asOf:yyyy-MM-dd}' AND valid_to > DATE '{asOf:yyyy-MM-dd}' GROUP BY staff_id)
        SELECT sum(h.cases) / sum(a.fte), 100.0 * count(*) FILTER (WHERE h.cases <= 18 * a.fte) / count(*)
        FROM held h JOIN assignments a ON a.authority = '{authority}' AND a.staff_id = h.staff_id AND a.registered
          AND a.valid_from <= DATE '{asOf:yyyy-MM-dd}' AND a.valid_to > DATE '{asOf:yyyy-MM-dd}'
        """;

    /// <summary>Share of registered staff in post whose last individual session (or start) is within 28 days.</summary>
    public static string Regularity(string authority, DateOnly asOf) => $"""
        WITH staff AS (
          SELECT staff_id, min(valid_from) AS since FROM assignments
          WHERE authority = '{authority}' AND registered AND valid_from <= DATE '{asOf:yyyy-MM-dd}' AND valid_to > DATE '{asOf:yyyy-MM-dd}' GROUP BY staff_id),
        latest AS (
          SELECT supervisee, max(day) AS day FROM sessions
          WHERE authority = '{authority}' AND individual AND day <= DATE '{asOf:yyyy-MM-dd}' GROUP BY supervisee)
        SELECT 100.0 * count(*) FILTER (WHERE greatest(coalesce(l.day, s.since), s.since) + 28 >= DATE '{asOf:yyyy-MM-dd}') / count(*)
        FROM staff s LEFT JOIN latest l ON l.supervisee = s.staff_id
        """;

    public static IReadOnlyList<(string Name, Func<string, DateOnly, string> Sql)> All { get; } =
        [("agency rate", AgencyRate), ("target progress", TargetProgress), ("regularity", Regularity)];

    /// <summary>Every council's agency rate at a date, in one query.</summary>
    public static string AgencyRates(DateOnly asOf) => $"""
        SELECT authority, 100 * sum(fte) FILTER (WHERE agency) / nullif(sum(fte), 0)
        FROM assignments WHERE registered AND valid_from <= DATE '{asOf:yyyy-MM-dd}' AND valid_to > DATE '{asOf:yyyy-MM-dd}'
        GROUP BY authority
        """;

    /// <summary>Every council's DfE average caseload and share of case holders at or under 18 cases pro rata, in one query.</summary>
    public static string TargetProgresses(DateOnly asOf) => $"""
        WITH held AS (
          SELECT authority, staff_id, count(*) AS cases FROM allocations
          WHERE valid_from <= DATE '{asOf:yyyy-MM-dd}' AND valid_to > DATE '{asOf:yyyy-MM-dd}' GROUP BY authority, staff_id)
        SELECT h.authority, sum(h.cases) / sum(a.fte), 100.0 * count(*) FILTER (WHERE h.cases <= 18 * a.fte) / count(*)
        FROM held h JOIN assignments a ON a.authority = h.authority AND a.staff_id = h.staff_id AND a.registered
          AND a.valid_from <= DATE '{asOf:yyyy-MM-dd}' AND a.valid_to > DATE '{asOf:yyyy-MM-dd}'
        GROUP BY h.authority
        """;

    /// <summary>The all-council questions the goals name: answered for every council at once.</summary>
    public static IReadOnlyList<(string Name, Func<DateOnly, string> Sql)> AllCouncils { get; } =
        [("agency rate", AgencyRates), ("target progress", TargetProgresses)];

    /// <summary>Each all-council query, one after another on one connection, for a while, reading every row.</summary>
    public static async Task<Dictionary<string, LatencyFigures>> MeasureAllCouncilsAsync(Func<DbConnection> open, DateOnly asOf, TimeSpan duration)
    {
        var figures = new Dictionary<string, LatencyFigures>();
        await using var connection = open();
        foreach (var (name, sql) in AllCouncils)
        {
            figures[name] = await Load.ForAsync(duration, 1, async (_, _) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql(asOf);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            });
        }

        return figures;
    }

    /// <summary>Each query for random councils from <paramref name="concurrency"/> connections, for a while.</summary>
    public static async Task<Dictionary<string, LatencyFigures>> MeasureAsync(
        Func<DbConnection> open, IReadOnlyList<string> authorities, DateOnly asOf, TimeSpan duration, int concurrency)
    {
        var figures = new Dictionary<string, LatencyFigures>();
        foreach (var (name, sql) in All)
        {
            var connections = Enumerable.Range(0, concurrency).Select(_ => open()).ToList();
            figures[name] = await Load.ForAsync(duration, concurrency, async (worker, i) =>
            {
                await using var command = connections[worker].CreateCommand();
                command.CommandText = sql(authorities[i % authorities.Count], asOf);
                await command.ExecuteScalarAsync();
            });
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        return figures;
    }

    public static async Task LoadPostgresAsync(NpgsqlDataSource source, Rows rows)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using (var schema = new NpgsqlCommand("DROP TABLE IF EXISTS assignments, allocations, sessions; " + Schema, connection))
        {
            await schema.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY assignments FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in rows.Assignments)
            {
                await copy.WriteRowAsync(default, a.Authority, a.StaffId, a.Agency, a.Registered, a.Fte, a.Team, a.From, a.To);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY allocations FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in rows.Allocations)
            {
                await copy.WriteRowAsync(default, a.Authority, a.CaseId, a.StaffId, a.From, a.To);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY sessions FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in rows.Sessions)
            {
                await copy.WriteRowAsync(default, s.Authority, s.Supervisee, s.Day, s.Individual);
            }

            await copy.CompleteAsync();
        }

        await using var index = new NpgsqlCommand(Indexes, connection);
        await index.ExecuteNonQueryAsync();
    }

    public static void LoadDuckDb(DuckDBConnection connection, Rows rows)
    {
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Schema.Replace("DOUBLE PRECISION", "DOUBLE", StringComparison.Ordinal);
            schema.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("assignments"))
        {
            foreach (var a in rows.Assignments)
            {
                appender.CreateRow().AppendValue(a.Authority).AppendValue(a.StaffId).AppendValue(a.Agency).AppendValue(a.Registered)
                    .AppendValue(a.Fte).AppendValue(a.Team).AppendValue(a.From).AppendValue(a.To).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("allocations"))
        {
            foreach (var a in rows.Allocations)
            {
                appender.CreateRow().AppendValue(a.Authority).AppendValue(a.CaseId).AppendValue(a.StaffId).AppendValue(a.From).AppendValue(a.To).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("sessions"))
        {
            foreach (var s in rows.Sessions)
            {
                appender.CreateRow().AppendValue(s.Authority).AppendValue(s.Supervisee).AppendValue(s.Day).AppendValue(s.Individual).EndRow();
            }
        }
    }
}
