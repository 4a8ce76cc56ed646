using DuckDB.NET.Data;
using Grpc.Core;
using Workforce.SyntheticEngland;
using Workforce.Testing;
using Xunit;

namespace Workforce.LoadDriver.Tests;

/// <summary>
/// The load driver's code paths on a few councils, so they keep working: the full run is a command
/// (deploy/LoadDriver), not a test, and nothing here asserts a speed.
/// </summary>
public sealed class LoadDriverTests
{
    private static readonly DateOnly AsOf = new(2025, 9, 30);

    private static Rows Darlington()
    {
        var rows = new Rows();
        foreach (var council in England.Generate(new EnglandOptions { Authorities = ["841", "840"], FirstYear = 2024 }))
        {
            rows.Add(council);
        }

        return rows;
    }

    [Fact]
    public void The_analysts_queries_give_the_published_figures_over_the_generated_rows()
    {
        using var duckDb = new DuckDBConnection("Data Source=:memory:");
        duckDb.Open();
        AnalystQueries.LoadDuckDb(duckDb, Darlington());

        double? Scalar(string sql)
        {
            using var command = duckDb.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        // Darlington 2025 (domain.md §2): agency 13.5 of 109.1 FTE; 1027 cases over 64.3 case-holder FTE.
        Assert.Equal(100 * 13.5 / (13.5 + 95.6), Scalar(AnalystQueries.AgencyRate("841", AsOf))!.Value, 6);
        Assert.Equal(1027 / 64.3, Scalar(AnalystQueries.TargetProgress("841", AsOf))!.Value, 6);
        Assert.InRange(Scalar(AnalystQueries.Regularity("841", AsOf))!.Value, 50, 100);
    }

    [Fact]
    public async Task Each_baseline_measures_calls_and_the_report_holds_every_ratio()
    {
        var floor = await GrpcFloor.MeasureAsync(TimeSpan.FromMilliseconds(500), 4, 2, 64);
        var file = Path.Combine(Path.GetTempPath(), $"load-test-{Guid.NewGuid():N}.duckdb");
        Dictionary<string, LatencyFigures> duck, duckAllCouncils;
        using (var duckDb = new DuckDBConnection($"Data Source={file}"))
        {
            duckDb.Open();
            AnalystQueries.LoadDuckDb(duckDb, Darlington());
            duck = await AnalystQueries.MeasureAsync(() => Opened(new DuckDBConnection($"Data Source={file}")), ["841", "840"], AsOf, TimeSpan.FromMilliseconds(300), 2);
            duckAllCouncils = await AnalystQueries.MeasureAllCouncilsAsync(() => Opened(new DuckDBConnection($"Data Source={file}")), AsOf, TimeSpan.FromMilliseconds(300));
        }

        File.Delete(file);
        var broker = await RawBroker.MeasureAsync(TestEnvironment.RabbitMqUri, 2000, 200);

        var baselines = new Baselines(broker, floor, duck, duck, duckAllCouncils, duckAllCouncils);
        var suite = new SuiteFigures(10, 5, 4, floor, 2, [], duck, duck, duck, duck, duckAllCouncils,
            new Dictionary<string, double> { ["Workforce"] = 300 }, new Dictionary<string, double> { ["Workforce"] = 5 }, [],
            new Dictionary<string, LatencyFigures> { ["HTTP/2's default stream window (64 KiB)"] = new(998, 90, 1.1, 2.5, 2) },
            new Dictionary<string, LatencyFigures> { ["target progress"] = new(50, 10, 4.0, 8.0) });
        var report = new LoadReport(DateTimeOffset.UtcNow, "test", new RunSize(2, 2024, 2025, 1, 1, 1, 100, "SQLite"), baselines, suite, LoadReport.RatiosOf(baselines, suite));

        Assert.True(floor.Calls > 0 && floor.Errors == 0);
        Assert.All(duck.Values, f => Assert.True(f.Calls > 0 && f.Errors == 0));
        Assert.Equal(["agency rate", "target progress"], duckAllCouncils.Keys);
        Assert.All(duckAllCouncils.Values, f => Assert.True(f.Calls > 0 && f.Errors == 0));
        Assert.Contains("| target progress, all councils in one call: DuckDB p99 ÷ suite p99 | 1.00 | ≥ 10 | **no** |", report.Markdown());
        Assert.True(broker > 0);
        Assert.Contains(report.Ratios, r => r.What == "ingest end to end ÷ raw broker" && r.Value == 4 / broker);
        Assert.Contains("| target progress, one council: DuckDB p99 ÷ suite p99 | 1.00 | ≥ 10 | **no** |", report.Markdown());
        Assert.Contains(report.Ratios, r => r.What == "Workforce: restart to ready, s" && r.Met == true);
        Assert.Contains("| HTTP/2's default stream window (64 KiB) | 998 | 90.0 | 1.10 | 2.50 | 2 |", report.Markdown());
        Assert.Contains("| target progress, all councils in one call, a different day each call | 50 | 10.0 | 4.00 | 8.00 | 0 |", report.Markdown());
        Assert.Contains(report.Ratios, r => r.What == "target progress, all councils in one call, a different day each call: p99 ms" && r.Value == 8 && r.Met == false);
        Assert.Contains("## Failed calls\n\nNone: every ingest and query call succeeded.", report.Markdown());
        Assert.DoesNotContain("calls failed", report.Markdown());
    }

    [Fact]
    public async Task Failed_calls_are_counted_by_rpc_and_status_with_the_first_message_of_each()
    {
        var failures = new FailedCalls();
        var rpc = FailedCalls.Rpc(Caseload.V1.CaseAllocations.Descriptor, "GetTargetProgress");
        var deadline = new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        var calls = 0;
        async Task<int> Failing(RpcException e)
        {
            calls++;
            await Task.Yield();
            throw e;
        }

        await Assert.ThrowsAsync<RpcException>(() => failures.ObserveAsync(rpc, () => Failing(deadline)));
        await Assert.ThrowsAsync<RpcException>(() => failures.ObserveAsync(rpc, () => Failing(new RpcException(new Status(StatusCode.DeadlineExceeded, "later")))));
        await Assert.ThrowsAsync<RpcException>(() => failures.ObserveAsync(rpc, () => Failing(new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.")))));
        Assert.Equal(7, await failures.ObserveAsync(rpc, () => Task.FromResult(7)));
        failures.Record(FailedCalls.Rpc(V1.StaffRegister.Descriptor, "StreamStaffChanges"), new RpcException(new Status(StatusCode.InvalidArgument, "bad | line\nbreak")));

        Assert.Equal(3, calls);
        Assert.Equal(
        [
            new FailedCall("caseload.v1.CaseAllocations/GetTargetProgress", "DEADLINE_EXCEEDED", 2, "Deadline Exceeded"),
            new FailedCall("caseload.v1.CaseAllocations/GetTargetProgress", "UNAVAILABLE", 1, "Error connecting to subchannel."),
            new FailedCall("workforce.v1.StaffRegister/StreamStaffChanges", "INVALID_ARGUMENT", 1, "bad | line\nbreak"),
        ], failures.All);
        Assert.Equal("RESOURCE_EXHAUSTED", FailedCalls.Name(StatusCode.ResourceExhausted));
        Assert.Throws<ArgumentException>(() => FailedCalls.Rpc(V1.StaffRegister.Descriptor, "NoSuchMethod"));

        var table = LoadReport.FailedCallsTable(failures.All);
        Assert.Contains("| caseload.v1.CaseAllocations/GetTargetProgress | DEADLINE_EXCEEDED | 2 | Deadline Exceeded |\n", table);
        Assert.Contains("| workforce.v1.StaffRegister/StreamStaffChanges | INVALID_ARGUMENT | 1 | bad \\| line break |\n", table);
    }

    private static DuckDBConnection Opened(DuckDBConnection connection)
    {
        connection.Open();
        return connection;
    }

    [Fact]
    public void The_window_check_is_off_unless_asked_for_and_takes_a_positive_number_of_calls()
    {
        Assert.Equal(0, LoadOptions.Parse([]).WindowCheckCalls);
        Assert.Equal(60000, LoadOptions.Parse(["--window-check", "60000"]).WindowCheckCalls);
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--window-check", "0"]));
    }
}
