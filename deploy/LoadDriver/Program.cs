using System.Diagnostics;
using DuckDB.NET.Data;
using Npgsql;
using Workforce.LoadDriver;
using Workforce.SyntheticEngland;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
void Say(string what) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {what}");

var councils = England.Generate(options.England).ToList();
var rows = new Rows();
councils.ForEach(rows.Add);
var changes = councils.Sum(c => (long)c.Changes);
var bytes = councils.Sum(c => c.StaffChanges.Sum(x => (long)x.CalculateSize()) + c.AllocationChanges.Sum(x => (long)x.CalculateSize()) + c.Sessions.Sum(x => (long)x.CalculateSize()));
var size = new RunSize(councils.Count, options.England.FirstYear, options.England.LastYear,
    councils.Sum(c => (long)c.StaffChanges.Count), councils.Sum(c => (long)c.AllocationChanges.Count), councils.Sum(c => (long)c.Sessions.Count),
    (int)(bytes / Math.Max(1, changes)), options.Postgres ? "PostgreSQL" : "SQLite");
Say($"generated {councils.Count} councils, {changes} changes");

var asOf = new DateOnly(options.England.LastYear, 9, 30);
var authorities = councils.Select(c => c.Authority).ToList();
await using var infrastructure = await Infrastructure.StartAsync(options.PortBase, options.RunDirectory);
Say("broker and PostgreSQL started");

var rawBroker = await RawBroker.MeasureAsync(infrastructure.BrokerUri, options.RawMessages ?? (int)Math.Clamp(changes, 10_000, 200_000), size.MessageBytes);
Say($"raw broker {rawBroker:0} msg/s");
var floor = await GrpcFloor.MeasureAsync(options.QueryDuration, options.Concurrency, 4, 64);
Say($"gRPC floor {floor.PerSecond:0} calls/s");

Dictionary<string, LatencyFigures> postgres, postgresAllCouncils;
// Disposed before the suite, so its idle connections do not count against the services' share of the cluster.
await using (var sql = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString("postgres")))
{
    await AnalystQueries.LoadPostgresAsync(sql, rows);
    postgres = await AnalystQueries.MeasureAsync(() => sql.OpenConnection(), authorities, asOf, options.QueryDuration, 4);
    postgresAllCouncils = await AnalystQueries.MeasureAllCouncilsAsync(() => sql.OpenConnection(), asOf, options.QueryDuration);
}

Say("direct SQL measured");

var duckFile = Path.Combine(Path.GetTempPath(), $"workforce-load-{Guid.NewGuid():N}.duckdb");
Dictionary<string, LatencyFigures> duck, duckAllCouncils;
using (var duckDb = new DuckDBConnection($"Data Source={duckFile}"))
{
    duckDb.Open();
    AnalystQueries.LoadDuckDb(duckDb, rows);
    // One connection per caller; DuckDB.NET shares one database instance between a process's connections to a file.
    duck = await AnalystQueries.MeasureAsync(() => Opened(new DuckDBConnection($"Data Source={duckFile}")), authorities, asOf, options.QueryDuration, 4);
    duckAllCouncils = await AnalystQueries.MeasureAllCouncilsAsync(() => Opened(new DuckDBConnection($"Data Source={duckFile}")), asOf, options.QueryDuration);
}

File.Delete(duckFile);
Say("DuckDB measured");

var suite = await new SuiteRun(options, councils, infrastructure).RunAsync();
Say($"suite: {suite.VisiblePerSecond:0} changes/s end to end");

var baselines = new Baselines(rawBroker, floor, postgres, duck, postgresAllCouncils, duckAllCouncils);
var report = new LoadReport(started, $"{Environment.ProcessorCount} cores", size, baselines, suite, LoadReport.RatiosOf(baselines, suite));
var (json, markdown) = await report.WriteAsync(options.Out);
Console.WriteLine(report.Markdown());
Say($"report: {json}, {markdown}");
if (suite.FailedCalls.Count > 0 || suite.CouncilsNotVisible.Count > 0)
{
    // At the end, on standard error, so a run that went wrong cannot pass for a slow one.
    Console.Error.WriteLine();
    Console.Error.WriteLine($"!!! {suite.FailedCalls.Sum(f => f.Calls)} calls failed; {suite.CouncilsNotVisible.Count} councils not visible downstream {string.Join(" ", suite.CouncilsNotVisible)}");
    Console.Error.WriteLine(LoadReport.FailedCallsTable(suite.FailedCalls));
}

return 0;

static DuckDBConnection Opened(DuckDBConnection connection)
{
    connection.Open();
    return connection;
}
