using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workforce.LoadDriver;

/// <summary>The size of a run: what was generated and pushed.</summary>
public sealed record RunSize(int Councils, int FirstYear, int LastYear, long StaffChanges, long AllocationChanges, long Sessions, int MessageBytes, string Storage);

public sealed record Baselines(
    double RawBrokerPerSecond,
    LatencyFigures GrpcFloor,
    IReadOnlyDictionary<string, LatencyFigures> PostgresSql,
    IReadOnlyDictionary<string, LatencyFigures> DuckDb,
    IReadOnlyDictionary<string, LatencyFigures> PostgresSqlAllCouncils,
    IReadOnlyDictionary<string, LatencyFigures> DuckDbAllCouncils);

/// <summary>One figure held against another, and whether it meets its goal (null when the issue sets none).</summary>
public sealed record Ratio(string What, double? Value, string Goal, bool? Met);

/// <summary>A run's figures, its baselines measured in the same run on the same machine, and the ratios the issue asks for.</summary>
public sealed record LoadReport(DateTimeOffset Started, string Machine, RunSize Size, Baselines Baselines, SuiteFigures? Suite, IReadOnlyList<Ratio> Ratios)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IReadOnlyList<Ratio> RatiosOf(Baselines baselines, SuiteFigures? suite)
    {
        if (suite is null)
        {
            return [];
        }

        static double? Divide(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;
        var ratios = new List<Ratio>
        {
            new("ingest end to end ÷ raw broker", Divide(suite.VisiblePerSecond, baselines.RawBrokerPerSecond), "≥ 1.0", Divide(suite.VisiblePerSecond, baselines.RawBrokerPerSecond) >= 1),
            new("ingest accepted ÷ raw broker", Divide(suite.AcceptedPerSecond, baselines.RawBrokerPerSecond), "", null),
        };
        foreach (var (name, figures) in suite.Queries)
        {
            ratios.Add(new($"{name}, one council: throughput ÷ gRPC floor", Divide(figures.PerSecond, baselines.GrpcFloor.PerSecond), "≥ 0.5", Divide(figures.PerSecond, baselines.GrpcFloor.PerSecond) >= 0.5));
            ratios.Add(new($"{name}, one council: direct SQL p99 ÷ suite p99", Divide(baselines.PostgresSql[name].P99, figures.P99), "≥ 10", Divide(baselines.PostgresSql[name].P99, figures.P99) >= 10));
            ratios.Add(new($"{name}, one council: DuckDB p99 ÷ suite p99", Divide(baselines.DuckDb[name].P99, figures.P99), "≥ 10", Divide(baselines.DuckDb[name].P99, figures.P99) >= 10));
        }

        foreach (var (name, figures) in suite.QueriesOnManyDays)
        {
            ratios.Add(new($"{name}, one council, a different day each call: throughput ÷ gRPC floor", Divide(figures.PerSecond, baselines.GrpcFloor.PerSecond), "≥ 0.5", Divide(figures.PerSecond, baselines.GrpcFloor.PerSecond) >= 0.5));
            ratios.Add(new($"{name}, one council, a different day each call: direct SQL p99 ÷ suite p99", Divide(baselines.PostgresSql[name].P99, figures.P99), "≥ 10", Divide(baselines.PostgresSql[name].P99, figures.P99) >= 10));
        }

        foreach (var (name, figures) in suite.AllCouncilsInOneCall)
        {
            ratios.Add(new($"{name}, all councils in one call: p99 ms", figures.P99, "≤ 2 ms", figures.P99 <= 2));
            ratios.Add(new($"{name}, all councils in one call: direct SQL p99 ÷ suite p99", Divide(baselines.PostgresSqlAllCouncils[name].P99, figures.P99), "≥ 10", Divide(baselines.PostgresSqlAllCouncils[name].P99, figures.P99) >= 10));
            ratios.Add(new($"{name}, all councils in one call: DuckDB p99 ÷ suite p99", Divide(baselines.DuckDbAllCouncils[name].P99, figures.P99), "≥ 10", Divide(baselines.DuckDbAllCouncils[name].P99, figures.P99) >= 10));
        }

        foreach (var (name, figures) in suite.AllCouncilsInOneCallOnManyDays ?? new Dictionary<string, LatencyFigures>())
        {
            ratios.Add(new($"{name}, all councils in one call, a different day each call: p99 ms", figures.P99, "≤ 2 ms", figures.P99 <= 2));
            ratios.Add(new($"{name}, all councils in one call, a different day each call: direct SQL p99 ÷ suite p99", Divide(baselines.PostgresSqlAllCouncils[name].P99, figures.P99), "≥ 10", Divide(baselines.PostgresSqlAllCouncils[name].P99, figures.P99) >= 10));
        }

        ratios.AddRange(suite.ResidentMiB.Select(r => new Ratio($"{r.Key}: resident MiB", r.Value, "≤ 1024", r.Value <= 1024)));
        ratios.AddRange(suite.RestartToReadySeconds.Select(r => new Ratio($"{r.Key}: restart to ready, s", r.Value, "≤ 30", r.Value <= 30)));
        return ratios;
    }

    public async Task<(string Json, string Markdown)> WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var name = Size.Councils >= 150 ? $"england-{Size.FirstYear}-{Size.LastYear}" : $"{Size.Councils}-councils-{Size.FirstYear}-{Size.LastYear}";
        var (json, markdown) = (Path.Combine(directory, name + ".json"), Path.Combine(directory, name + ".md"));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(this, Json));
        await File.WriteAllTextAsync(markdown, Markdown());
        return (json, markdown);
    }

    /// <summary>Every failed call of the suite (ingest, visibility polls and queries) by RPC and gRPC status, with the first message of each.</summary>
    public static string FailedCallsTable(IReadOnlyList<FailedCall> failed)
    {
        if (failed.Count == 0)
        {
            return "None: every ingest and query call succeeded.";
        }

        var table = new StringBuilder("| RPC | status | calls | first message |\n|---|---|---|---|\n");
        foreach (var f in failed)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {f.Rpc} | {f.Status} | {f.Calls} | {f.FirstMessage.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ")} |\n");
        }

        return table.ToString();
    }

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        static string F(double? value) => value is { } v ? v.ToString(v >= 100 ? "0" : v >= 10 ? "0.0" : v >= 0.1 ? "0.00" : "0.0000", CultureInfo.InvariantCulture) : "–";
        string Row(string what, LatencyFigures f) => string.Create(c, $"| {what} | {f.Calls} | {F(f.PerSecond)} | {F(f.P50)} | {F(f.P99)} | {f.Errors} |\n");
        var text = new StringBuilder()
            .AppendLine(c, $"# Load run {Started:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine(c, $"{Size.Councils} councils, {Size.FirstYear}–{Size.LastYear}: {Size.StaffChanges} HR changes, {Size.AllocationChanges} allocation changes, {Size.Sessions} sessions ({Size.MessageBytes} B a change on average); services on {Size.Storage}; {Machine}.")
            .AppendLine("Every figure comes from this one run, baselines included; client, services, broker and databases share the machine.")
            .AppendLine();
        if (Suite is { FailedCalls.Count: > 0 } failing)
        {
            text.AppendLine(c, $"**{failing.FailedCalls.Sum(f => f.Calls)} calls failed** (see Failed calls): their latencies are not in the figures.").AppendLine();
        }

        if (Suite is { CouncilsNotVisible.Count: > 0 } missing)
        {
            text.AppendLine(c, $"**Not visible downstream:** {string.Join(", ", missing.CouncilsNotVisible)}.").AppendLine();
        }

        text
            .AppendLine("## Ratios and goals (issue 9)")
            .AppendLine()
            .AppendLine("| figure | value | goal | met |")
            .AppendLine("|---|---|---|---|");
        foreach (var r in Ratios)
        {
            text.AppendLine(c, $"| {r.What} | {F(r.Value)} | {r.Goal} | {(r.Met is { } met ? met ? "yes" : "**no**" : "")} |");
        }

        text.AppendLine().AppendLine("## Baselines").AppendLine()
            .AppendLine(c, $"Raw broker (RabbitMQ.Client, persistent, confirms, manual acks): {F(Baselines.RawBrokerPerSecond)} messages/s end to end.")
            .AppendLine()
            .AppendLine("| calls | n | per s | p50 ms | p99 ms | failed |")
            .AppendLine("|---|---|---|---|---|---|")
            .Append(Row("gRPC floor (unary echo)", Baselines.GrpcFloor));
        foreach (var (name, f) in Baselines.PostgresSql)
        {
            text.Append(Row($"PostgreSQL, {name}, one council", f));
        }

        foreach (var (name, f) in Baselines.DuckDb)
        {
            text.Append(Row($"DuckDB, {name}, one council", f));
        }

        foreach (var (name, f) in Baselines.PostgresSqlAllCouncils)
        {
            text.Append(Row($"PostgreSQL, {name}, all councils in one query", f));
        }

        foreach (var (name, f) in Baselines.DuckDbAllCouncils)
        {
            text.Append(Row($"DuckDB, {name}, all councils in one query", f));
        }

        if (Suite is { } s)
        {
            text.AppendLine().AppendLine("## Suite").AppendLine()
                .AppendLine(c, $"Ingest: {s.Changes} changes, {F(s.AcceptedPerSecond)}/s accepted by the owning services, {F(s.VisiblePerSecond)}/s end to end (visible in every consuming read model); {s.CouncilsVisible} of {Size.Councils} councils visible.")
                .AppendLine(c, $"Lag, accepted → visible downstream, per council: p50 {F(s.Lag.P50)} ms, p99 {F(s.Lag.P99)} ms.")
                .AppendLine()
                .AppendLine("| calls | n | per s | p50 ms | p99 ms | failed |")
                .AppendLine("|---|---|---|---|---|---|");
            foreach (var (name, f) in s.QueriesDuringIngest)
            {
                text.Append(Row($"{name}, one council, during ingest", f));
            }

            foreach (var (name, f) in s.Queries)
            {
                text.Append(Row($"{name}, one council", f));
            }

            foreach (var (name, f) in s.QueriesOnManyDays)
            {
                text.Append(Row($"{name}, one council, a different day each call", f));
            }

            foreach (var (name, f) in s.AllCouncils)
            {
                text.Append(Row($"{name}, all councils (one call each, in turn; per s = sweeps)", f));
            }

            foreach (var (name, f) in s.AllCouncilsInOneCall)
            {
                text.Append(Row($"{name}, all councils in one call", f));
            }

            foreach (var (name, f) in s.AllCouncilsInOneCallOnManyDays ?? new Dictionary<string, LatencyFigures>())
            {
                text.Append(Row($"{name}, all councils in one call, a different day each call", f));
            }

            if (s.WindowCheck is { Count: > 0 } window)
            {
                text.AppendLine().AppendLine("HTTP/2 stream window: target progress of all councils in one call, one call after another, 10 s deadline (failed = hung past it).").AppendLine()
                    .AppendLine("| client's stream window | n | per s | p50 ms | p99 ms | failed |")
                    .AppendLine("|---|---|---|---|---|---|");
                foreach (var (name, f) in window)
                {
                    text.Append(Row(name, f));
                }
            }

            text.AppendLine()
                .AppendLine(c, $"Resident memory: {string.Join(", ", s.ResidentMiB.Select(r => $"{r.Key} {F(r.Value)} MiB"))}.")
                .AppendLine(c, $"Restart to ready: {string.Join(", ", s.RestartToReadySeconds.Select(r => $"{r.Key} {F(r.Value)} s"))}.")
                .AppendLine().AppendLine("## Failed calls").AppendLine()
                .AppendLine(FailedCallsTable(s.FailedCalls));
        }

        return text.ToString();
    }
}
