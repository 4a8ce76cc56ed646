using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Messaging;
using Workforce.Testing;
using Workforce.V1;
using Xunit;
using Xunit.Abstractions;

namespace Workforce.IntegrationTests;

/// <summary>
/// Faults injected into a running suite on its own broker node and database server, so killing them cannot disturb
/// other tests. Each test prints a table: changes pushed, applied per consuming service, faults injected, lost and
/// duplicates applied (both must be 0), and whether the figures equal a fault-free run's.
/// Scale it with WORKFORCE_FAULT_STAFF (staff members per run; 120 by default).
/// </summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private const string Authority = "880";
    private const int BatchSize = 20;
    private static readonly int StaffCount = int.TryParse(Environment.GetEnvironmentVariable("WORKFORCE_FAULT_STAFF"), CultureInfo.InvariantCulture, out var n) && n >= BatchSize ? n : 120;
    private static readonly DateOnly Day = new(2025, 9, 30);

    [Fact]
    public async Task Killing_the_broker_and_a_consumer_mid_stream_loses_nothing_and_applies_nothing_twice()
    {
        await using var broker = await PrivateBroker.StartAsync();
        await using var suite = await Suite.StartAsync(new SuiteOptions { BrokerUri = broker.Uri, RetryInterval = TimeSpan.FromMilliseconds(500) });
        var hr = Suite.Bearer(TestTokens.HrWriter(Authority));
        var faults = new List<string>();

        // Two rounds over the same staff (a start, then an FTE change), so versions and order matter downstream.
        var batches = Rounds().Chunk(BatchSize).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            if (i == batches.Count / 4)
            {
                await broker.KillAsync();
                faults.Add($"broker killed by PID after {i} batches (writes continue into the outbox)");
            }

            if (i == batches.Count / 2)
            {
                await broker.StartAgainAsync();
                faults.Add($"broker restarted after {i} batches");
            }

            if (i == 3 * batches.Count / 4)
            {
                await suite.RestartServiceAsync("caseload");
                faults.Add($"caseload killed mid-stream and restarted after {i} batches");
            }

            var reply = await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batches[i]), hr);
            Assert.All(reply.Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));
        }

        var tally = await SettleAsync(suite, [.. batches.SelectMany(b => b)], faults);

        output.WriteLine(tally.Table());
        Assert.Equal((0L, 0L, true), (tally.Lost, tally.Duplicates, tally.FiguresEqual));
    }

    [Fact]
    public async Task Every_event_redelivered_and_reordered_leaves_each_post_as_a_fault_free_run_does()
    {
        await using var suite = await Suite.StartAsync(new SuiteOptions());
        var hr = Suite.Bearer(TestTokens.HrWriter(Authority));
        var pushed = Rounds().ToList();
        foreach (var batch in pushed.Chunk(BatchSize))
        {
            Assert.All((await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batch), hr)).Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));
        }

        var clean = await SettleAsync(suite, pushed, []);
        Assert.Equal((0L, 0L, true), (clean.Lost, clean.Duplicates, clean.FiguresEqual));

        var events = (await suite.RowsAsync("workforce", "SELECT \"MessageId\", \"Payload\" FROM outbox WHERE \"MessageType\" LIKE 'Workforce.Contracts.StaffMemberChanged%' ORDER BY \"Sequence\""))
            .Select(r => (Id: Guid.Parse(Convert.ToString(r[0], CultureInfo.InvariantCulture)!), Event: JsonSerializer.Deserialize<StaffMemberChanged>((string)r[1], MessageJson.Options)!))
            .ToList();
        await using (var bus = await TestBus.StartAsync(suite.BrokerUri))
        {
            // The broker redelivers every event, newest first; then a sender replays each under a new MessageId, as an
            // upstream that lost its own record would, again newest first so older versions arrive after newer ones.
            foreach (var (id, changed) in Enumerable.Reverse(events))
            {
                await bus.PublishAsync(changed, id);
            }

            foreach (var (_, changed) in Enumerable.Reverse(events))
            {
                await bus.PublishAsync(changed, Guid.NewGuid());
            }
        }

        foreach (var service in new[] { "caseload", "supervision" })
        {
            await Eventually.True(
                async () => await suite.InboxCountAsync(service, "StaffMemberChangedConsumer") == 2L * events.Count,
                TimeSpan.FromSeconds(120),
                $"{service} to handle every replayed event");
        }

        // Only the replays under new ids reach the inbox: their surplus is by design, so the tally counts the redelivered ones.
        var tally = await SettleAsync(suite, pushed, [$"{events.Count} events redelivered newest first", $"{events.Count} replayed newest first under new MessageIds"], replayed: events.Count);
        output.WriteLine(tally.Table());
        Assert.Equal((0L, 0L, true), (tally.Lost, tally.Duplicates, tally.FiguresEqual));
    }

    [Fact]
    public async Task PostgreSQL_stopped_during_writes_answers_unavailable_writes_nothing_and_recovers_by_itself()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var suite = await Suite.StartAsync(new SuiteOptions { Storage = Storage.Postgres, PostgresServer = server.ConnectionString });
        var hr = Suite.Bearer(TestTokens.HrWriter(Authority));
        var batches = Rounds().Take(StaffCount).Chunk(BatchSize).ToList();
        var faults = new List<string>();
        var unavailable = 0;

        for (var i = 0; i < batches.Count; i++)
        {
            if (i == batches.Count / 2)
            {
                await server.StopAsync();
                faults.Add($"PostgreSQL stopped after {i} batches");
                var refused = await Assert.ThrowsAsync<RpcException>(() => suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batches[i]), hr).ResponseAsync);
                Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
                unavailable++;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadinessAsync(suite.Workforce));
                await server.StartAgainAsync();
                faults.Add("PostgreSQL started again; the same batch re-sent");
            }

            // A pooled connection broken by the restart fails once and is replaced: the sender retries, as told.
            var batch = batches[i];
            var reply = await Eventually.Get(
                async () =>
                {
                    try
                    {
                        return await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batch), hr);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
                    {
                        unavailable++;
                        return null;
                    }
                },
                TimeSpan.FromSeconds(60),
                "the workforce service to accept writes again");

            // Applied, not duplicate: nothing of the refused attempt had been written.
            Assert.All(reply.Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));
        }

        faults.Add($"{unavailable} call(s) answered UNAVAILABLE");
        var tally = await SettleAsync(suite, [.. batches.SelectMany(b => b)], faults);

        output.WriteLine(tally.Table());
        Assert.Equal(HttpStatusCode.OK, await ReadinessAsync(suite.Workforce));
        Assert.Equal((0L, 0L, true), (tally.Lost, tally.Duplicates, tally.FiguresEqual));
    }

    [Fact]
    public async Task A_locked_SQLite_file_makes_writes_wait_then_answer_unavailable_and_nothing_is_half_written()
    {
        await using var suite = await Suite.StartAsync(new SuiteOptions { Settings = new Dictionary<string, string> { ["Storage__BusyTimeoutSeconds"] = "1" } });
        var hr = Suite.Bearer(TestTokens.HrWriter(Authority));
        var batches = Rounds().Take(3 * BatchSize).Chunk(BatchSize).ToList();
        await using var locker = new SqliteConnection($"Data Source={Path.Combine(suite.DataDirectory, "workforce.db")};Pooling=false");
        await locker.OpenAsync();

        // A lock shorter than the busy timeout only delays the write.
        await using (var shortLock = locker.CreateCommand())
        {
            shortLock.CommandText = "BEGIN EXCLUSIVE";
            await shortLock.ExecuteNonQueryAsync();
        }

        var waiting = suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batches[0]), hr).ResponseAsync;
        await Task.Delay(300);
        await Commit(locker);
        Assert.All((await waiting).Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));

        // A lock held past it fails the call as UNAVAILABLE, with nothing written.
        await using (var longLock = locker.CreateCommand())
        {
            longLock.CommandText = "BEGIN EXCLUSIVE";
            await longLock.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batches[1]), hr).ResponseAsync);
        await Commit(locker);
        var retried = await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batches[1]), hr);
        var last = await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, batches[2]), hr);

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("nothing of this call was written", refused.Status.Detail);
        Assert.All(retried.Results.Concat(last.Results), r => Assert.Equal(ChangeStatus.Applied, r.Status));
        var tally = await SettleAsync(suite, [.. batches.SelectMany(b => b)], ["workforce.db locked for 0.3 s, then past the 1 s busy timeout"]);
        output.WriteLine(tally.Table());
        Assert.Equal((0L, 0L, true), (tally.Lost, tally.Duplicates, tally.FiguresEqual));
    }

    private static async Task Commit(SqliteConnection connection)
    {
        await using var commit = connection.CreateCommand();
        commit.CommandText = "COMMIT";
        await commit.ExecuteNonQueryAsync();
    }

    /// <summary>Each staff member starts at 1.0 FTE, then changes to an FTE of their own from 1 April 2025.</summary>
    private static IEnumerable<StaffChange> Rounds() =>
        Enumerable.Range(0, StaffCount).Select(i => Requests.CaseHoldingWorker(Authority, i, 1.0))
            .Concat(Enumerable.Range(0, StaffCount).Select(i =>
                Requests.Assignment(staffId: $"sw-{Authority}-{i:0000}", fte: FinalFte(i), from: Requests.Day(2025, 4, 1), changeId: $"{Authority}-fte-{i}")));

    private static double FinalFte(int staff) => 0.5 + (staff % 5) / 10.0;

    private static async Task<HttpStatusCode> ReadinessAsync(ServiceProcess service)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return (await http.GetAsync(new Uri(service.HttpAddress, "/health/ready"))).StatusCode;
    }

    /// <summary>
    /// Waits (up to two minutes) until both read models hold each post's latest version and have consumed every event
    /// published, then counts what was lost (events never applied, or a post left behind), what was applied twice (inbox
    /// rows beyond the events published and the <paramref name="replayed"/> ones sent again under new MessageIds) and whether every post's FTE on 30 September is what a fault-free run gives.
    /// </summary>
    private static async Task<FaultTally> SettleAsync(Suite suite, IReadOnlyList<StaffChange> pushed, IReadOnlyList<string> faults, long replayed = 0)
    {
        // A fault-free run ends with each post at the FTE of its latest-dated assignment.
        var expected = pushed.GroupBy(c => c.StaffId)
            .ToDictionary(g => g.Key, g => (long)Math.Round(g.MaxBy(c => (c.EffectiveDate.Year, c.EffectiveDate.Month, c.EffectiveDate.Day))!.Assignment.Fte * 1_000_000));
        var published = await suite.CountAsync("workforce", "SELECT COUNT(*) FROM outbox WHERE \"MessageType\" LIKE 'Workforce.Contracts.StaffMemberChanged%'");
        var lost = new Dictionary<string, long>();
        var duplicates = new Dictionary<string, long>();
        var appliedBy = new Dictionary<string, long>();
        var diagnostics = new List<string>();
        // Each read-model version is at most the workforce's: equal sums over equal counts mean every post is current.
        var latest = await suite.CountAsync("workforce",
            $"SELECT SUM(v) FROM (SELECT MAX(\"Sequence\") AS v FROM staff_changes WHERE \"Authority\" = '{Authority}' GROUP BY \"StaffId\") AS latest");
        foreach (var (service, table) in new[] { ("caseload", "workers"), ("supervision", "supervised_staff") })
        {
            long applied = 0, held = 0;
            try
            {
                await Eventually.True(async () =>
                {
                    held = await suite.CountAsync(service, $"SELECT SUM(\"Version\") FROM {table} WHERE \"Authority\" = '{Authority}'");
                    applied = await suite.CountAsync(service, "SELECT COUNT(*) FROM inbox WHERE \"Consumer\" = 'StaffMemberChangedConsumer'") - replayed;
                    return held == latest && applied >= published;
                }, TimeSpan.FromSeconds(120), $"{service} to apply every event");
            }
            catch (TimeoutException)
            {
                // Counted as lost below; what the services last said is what tells a lost event from a node that never came back.
                diagnostics.Add($"{service} timed out: versions {held} of {latest}, events applied {applied} of {published}, workforce outbox unsent {await suite.WorkforceUnsentCountAsync()}");
                foreach (var process in new[] { suite.Workforce, service == "caseload" ? suite.Caseload : suite.Supervision })
                {
                    diagnostics.Add($"--- last lines of {process.Service} ---");
                    diagnostics.AddRange(process.Output.Split('\n').TakeLast(30));
                }
            }

            var behind = 0;
            if (held != latest)
            {
                foreach (var staffId in expected.Keys)
                {
                    var version = service == "caseload" ? await suite.CaseloadVersionAsync(Authority, staffId) : await suite.SupervisionVersionAsync(Authority, staffId);
                    behind += version == await suite.WorkforceVersionAsync(Authority, staffId) ? 0 : 1;
                }
            }

            appliedBy[service] = applied;
            lost[service] = Math.Max(behind, published - applied);
            duplicates[service] = Math.Max(0, applied - published);
        }

        var figuresEqual = true;
        foreach (var (staffId, fte) in expected)
        {
            figuresEqual &= await suite.CaseloadFteOnAsync(Authority, staffId, Day) == fte;
        }

        return new FaultTally(pushed.Count, published, appliedBy["caseload"], appliedBy["supervision"], faults,
            lost["caseload"] + lost["supervision"], duplicates["caseload"] + duplicates["supervision"], figuresEqual, diagnostics);
    }

    private sealed record FaultTally(
        int Pushed, long Published, long AppliedCaseload, long AppliedSupervision, IReadOnlyList<string> Faults, long Lost, long Duplicates, bool FiguresEqual,
        IReadOnlyList<string> Diagnostics)
    {
        public string Table()
        {
            var table = new StringBuilder();
            table.AppendLine("| changes pushed | events published | applied: caseload | applied: supervision | faults injected | lost | duplicates applied | figures equal to a fault-free run |");
            table.AppendLine("|---|---|---|---|---|---|---|---|");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Pushed} | {Published} | {AppliedCaseload} | {AppliedSupervision} | {Faults.Count}: {string.Join("; ", Faults)} | {Lost} | {Duplicates} | {(FiguresEqual ? "yes" : "no")} |"));
            foreach (var line in Diagnostics)
            {
                table.AppendLine(line);
            }
            return table.ToString();
        }
    }
}
