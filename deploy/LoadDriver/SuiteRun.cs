using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Workforce.ServiceDefaults.Auth;
using Workforce.SyntheticEngland;
using Workforce.Testing;
using Workforce.ServiceDefaults.Transport;

namespace Workforce.LoadDriver;

/// <summary>What the suite did in one run: ingest, lag, queries, memory, restarts, and every failed call by RPC and status.</summary>
public sealed record SuiteFigures(
    long Changes,
    double AcceptedPerSecond,
    double VisiblePerSecond,
    LatencyFigures Lag,
    int CouncilsVisible,
    IReadOnlyList<string> CouncilsNotVisible,
    IReadOnlyDictionary<string, LatencyFigures> QueriesDuringIngest,
    IReadOnlyDictionary<string, LatencyFigures> Queries,
    IReadOnlyDictionary<string, LatencyFigures> QueriesOnManyDays,
    IReadOnlyDictionary<string, LatencyFigures> AllCouncils,
    IReadOnlyDictionary<string, LatencyFigures> AllCouncilsInOneCall,
    IReadOnlyDictionary<string, double> ResidentMiB,
    IReadOnlyDictionary<string, double> RestartToReadySeconds,
    IReadOnlyList<FailedCall> FailedCalls,
    IReadOnlyDictionary<string, LatencyFigures>? WindowCheck = null,
    IReadOnlyDictionary<string, LatencyFigures>? AllCouncilsInOneCallOnManyDays = null);

/// <summary>
/// Starts the three services against the run's broker (and PostgreSQL, unless SQLite is asked for), pushes every
/// council's feeds through the public gRPC APIs — HR and allocations as client streams, sessions as unary batches —
/// while analysts query, and waits for each council's figures to appear in every consuming read model.
/// </summary>
public sealed class SuiteRun(LoadOptions options, IReadOnlyList<SyntheticCouncil> councils, Infrastructure infrastructure)
{
    private const int ChunkSize = 1000;
    private static readonly string[] Services = ["Workforce", "Caseload", "Supervision"];

    private readonly Dictionary<string, ServiceProcess> _running = [];
    private readonly FailedCalls _failures = new();
    private readonly Metadata _headers = new()
    {
        { "authorization", "Bearer " + TestTokens.Create(
            [WorkforceRoles.HrWriter, WorkforceRoles.CaseWriter, WorkforceRoles.SupervisionWriter, WorkforceRoles.Analyst],
            councils.Select(c => c.Authority), lifetime: TimeSpan.FromHours(12)) },
    };

    private DateOnly AsOf => new(options.England.LastYear, 9, 30);

    public async Task<SuiteFigures> RunAsync()
    {
        var settings = await SettingsAsync();
        try
        {
            foreach (var service in Services)
            {
                _running[service] = await ServiceProcess.StartAsync(service, settings[service], TimeSpan.FromMinutes(3));
            }

            var (accepted, visible, lag, visibleCouncils, duringIngest) = await IngestAsync();
            var notVisible = councils.Select(c => c.Authority).Except(visibleCouncils).Order(StringComparer.Ordinal).ToList();
            await QuietAsync();
            var queries = new Dictionary<string, LatencyFigures>();
            foreach (var (name, query) in Queries())
            {
                queries[name] = await Load.ForAsync(options.QueryDuration, options.Concurrency, (worker, i) => query(councils[i % councils.Count].Authority, worker));
            }

            // The same questions about a different day each call: figures worked out, not remembered from an earlier answer.
            var onManyDays = new Dictionary<string, LatencyFigures>();
            foreach (var (name, query) in NewQueries(ManyDays))
            {
                onManyDays[name] = await Load.ForAsync(options.QueryDuration, options.Concurrency, (worker, i) => query(councils[i % councils.Count].Authority, worker));
            }

            var allCouncils = new Dictionary<string, LatencyFigures>();
            foreach (var (name, query) in Queries())
            {
                var sweeps = new Latencies();
                var sweeping = Stopwatch.StartNew();
                for (var sweep = 0; sweep < 3; sweep++)
                {
                    try
                    {
                        await sweeps.TimeAsync(async () =>
                        {
                            foreach (var council in councils)
                            {
                                await query(council.Authority, 0);
                            }

                            return 0;
                        });
                    }
                    catch (RpcException)
                    {
                        // Recorded by the query; the sweep counts as failed and the next one starts afresh.
                        sweeps.Fail();
                    }
                }

                allCouncils[name] = sweeps.Figures(sweeping.Elapsed);
            }

            // One call after another, as a regional or national dashboard refreshes: the token names every council.
            var allCouncilsInOneCall = new Dictionary<string, LatencyFigures>();
            foreach (var (name, query) in ManyCouncilQueries(() => AsOf))
            {
                allCouncilsInOneCall[name] = await Load.ForAsync(options.QueryDuration, 1, (_, _) => query());
            }

            // The same about a different day each call: every council's figures worked out, not the whole answer remembered.
            var allCouncilsOnManyDays = new Dictionary<string, LatencyFigures>();
            foreach (var (name, query) in ManyCouncilQueries(ManyDays))
            {
                allCouncilsOnManyDays[name] = await Load.ForAsync(options.QueryDuration, 1, (_, _) => query());
            }

            var windowCheck = new Dictionary<string, LatencyFigures>();
            if (options.WindowCheckCalls > 0)
            {
                windowCheck["HTTP/2's default stream window (64 KiB)"] = await WindowCheckAsync(GrpcChannel.ForAddress($"http://127.0.0.1:{_running["Caseload"].GrpcPort}"));
                windowCheck[$"the suite's clients' stream window ({GrpcClients.StreamWindowBytes / 1024} KiB)"] = await WindowCheckAsync(Channel("Caseload"));
            }

            var resident = Services.ToDictionary(s => s, s => ResidentMiB(_running[s].ProcessId));
            var restart = new Dictionary<string, double>();
            foreach (var service in Services)
            {
                await SaveLogAsync(service);
                await _running[service].DisposeAsync();
                var clock = Stopwatch.StartNew();
                _running[service] = await ServiceProcess.StartAsync(service, settings[service], TimeSpan.FromMinutes(3));
                restart[service] = clock.Elapsed.TotalSeconds;
            }

            return new SuiteFigures(councils.Sum(c => (long)c.Changes), accepted, visible, lag, visibleCouncils.Count, notVisible,
                duringIngest, queries, onManyDays, allCouncils, allCouncilsInOneCall, resident, restart, _failures.All, windowCheck, allCouncilsOnManyDays);
        }
        finally
        {
            foreach (var (name, service) in _running)
            {
                await SaveLogAsync(name);
                await service.DisposeAsync();
            }
        }
    }

    private readonly HashSet<string> _logged = [];

    /// <summary>The service's output to <c>{service}.log</c>; a restarted process's is appended, so the measured run's warnings survive the restart.</summary>
    private async Task SaveLogAsync(string service)
    {
        var log = Path.Combine(options.RunDirectory, $"{service.ToLowerInvariant()}.log");
        if (_logged.Add(service))
        {
            await File.WriteAllTextAsync(log, _running[service].Output);
        }
        else
        {
            await File.AppendAllTextAsync(log, "--- restarted ---\n" + _running[service].Output);
        }
    }

    private async Task<Dictionary<string, Dictionary<string, string>>> SettingsAsync()
    {
        var data = Path.Combine(options.RunDirectory, "services");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var settings = new Dictionary<string, Dictionary<string, string>>();
        foreach (var service in Services)
        {
            settings[service] = new()
            {
                ["ConnectionStrings__RabbitMq"] = infrastructure.BrokerUri,
                ["Storage__DataDirectory"] = Directory.CreateDirectory(Path.Combine(data, service)).FullName,
                ["Logging__LogLevel__Default"] = "Warning",
                // The per-caller limit (50 calls/s) is policy for one analyst; the driver is many analysts' load under
                // one token, and with the limit on its queries measured RESOURCE_EXHAUSTED answers, not capacity.
                ["RateLimiting__Enabled"] = "false",
            };
        }

        if (options.Postgres)
        {
            await using var admin = new NpgsqlConnection(infrastructure.AdminConnectionString);
            await admin.OpenAsync();
            var pool = await PoolShareAsync(admin);
            foreach (var service in Services)
            {
                var database = "load_" + service.ToLowerInvariant();
                await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
                settings[service]["ConnectionStrings__Postgres"] = infrastructure.PostgresConnectionString(database, pool);
            }
        }

        return settings;
    }

    /// <summary>
    /// Each service's connection pool: an equal share of what the cluster admits, less its superuser reserve and a few for
    /// the driver. Three pools of 64 against PostgreSQL's default 100 connections failed queries with "too many clients
    /// already" (UNAVAILABLE) as soon as two services were busy.
    /// </summary>
    private static async Task<int> PoolShareAsync(NpgsqlConnection admin)
    {
        await using var limits = new NpgsqlCommand("SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int", admin);
        var admitted = (int)(await limits.ExecuteScalarAsync())!;
        const int forTheDriver = 5;
        return Math.Max(1, (admitted - forTheDriver) / Services.Length);
    }

    private async Task<(double Accepted, double Visible, LatencyFigures Lag, IReadOnlyCollection<string> CouncilsVisible, Dictionary<string, LatencyFigures> DuringIngest)> IngestAsync()
    {
        var staff = new V1.StaffRegister.StaffRegisterClient(Channel("Workforce"));
        var allocations = new Caseload.V1.CaseAllocations.CaseAllocationsClient(Channel("Caseload"));
        var sessions = new Supervision.V1.SupervisionRecords.SupervisionRecordsClient(Channel("Supervision"));
        var lag = new Latencies();
        var visible = new ConcurrentBag<string>();
        var acceptedAt = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        using var stop = new CancellationTokenSource();
        var duringIngest = Queries().ToDictionary(q => q.Name, _ => new Latencies());
        var analysts = Task.WhenAll(Enumerable.Range(0, 4).Select(async analyst =>
        {
            for (var i = analyst; !stop.IsCancellationRequested; i++)
            {
                if (visible.IsEmpty)
                {
                    await Task.Delay(100);
                    continue;
                }

                var (name, query) = Queries()[i % 3];
                var authority = visible.ElementAt(i % visible.Count);
                try
                {
                    await duringIngest[name].TimeAsync(async () =>
                    {
                        await query(authority, i);
                        return 0;
                    });
                }
                catch (RpcException)
                {
                    // Recorded by the query with its status; counted here against its phase.
                    duringIngest[name].Fail();
                }
            }
        }));

        await Parallel.ForEachAsync(councils, new ParallelOptions { MaxDegreeOfParallelism = options.Senders }, async (council, _) =>
        {
            try
            {
                await SendAsync(council);
            }
            catch (RpcException e)
            {
                // A refused feed is a finding about the generator or the service: recorded, reported, and the rest go on.
                Console.Error.WriteLine($"{council.Authority}: feed failed, {FailedCalls.Name(e.StatusCode)} {FailedCalls.Message(e)}");
                return;
            }

            var accepted = clock.Elapsed;
            lock (lag)
            {
                acceptedAt = accepted > acceptedAt ? accepted : acceptedAt;
            }

            if (await VisibleAsync(council, allocations, sessions))
            {
                lag.Add(clock.Elapsed - accepted);
                visible.Add(council.Authority);
            }
        });

        var total = clock.Elapsed;
        await stop.CancelAsync();
        await analysts;
        var changes = councils.Sum(c => (double)c.Changes);
        return (changes / acceptedAt.TotalSeconds, changes / total.TotalSeconds, lag.Figures(total), visible.ToList(),
            duringIngest.ToDictionary(d => d.Key, d => d.Value.Figures(total)));

        async Task SendAsync(SyntheticCouncil council)
        {
            await _failures.ObserveAsync(StreamStaffChanges, async () =>
            {
                using var call = staff.StreamStaffChanges(_headers);
                foreach (var chunk in council.StaffChanges.Chunk(ChunkSize))
                {
                    await call.RequestStream.WriteAsync(new V1.RecordStaffChangesRequest { Authority = council.Authority, Changes = { chunk } });
                }

                await call.RequestStream.CompleteAsync();
                return await call;
            });

            await _failures.ObserveAsync(StreamAllocationChanges, async () =>
            {
                using var call = allocations.StreamAllocationChanges(_headers);
                foreach (var chunk in council.AllocationChanges.Chunk(ChunkSize))
                {
                    await call.RequestStream.WriteAsync(new Caseload.V1.RecordAllocationChangesRequest { Authority = council.Authority, Changes = { chunk } });
                }

                await call.RequestStream.CompleteAsync();
                return await call;
            });

            foreach (var chunk in council.Sessions.Chunk(ChunkSize))
            {
                await _failures.ObserveAsync(RecordSessions, async () => await sessions.RecordSessionsAsync(
                    new Supervision.V1.RecordSessionsRequest { Authority = council.Authority, Sessions = { chunk } }, _headers, DateTime.UtcNow.AddMinutes(2)));
            }
        }
    }

    /// <summary>
    /// Polls until the council's last 30 September shows in the consuming read models: the caseload service's cases
    /// and case-holder FTE (which need the workforce events) and the supervision service's supervised staff.
    /// </summary>
    private async Task<bool> VisibleAsync(SyntheticCouncil council, Caseload.V1.CaseAllocations.CaseAllocationsClient caseload, Supervision.V1.SupervisionRecords.SupervisionRecordsClient supervision)
    {
        var expected = council.Figures[^1];
        var deadline = DateTime.UtcNow + options.VisibleTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var progress = (await _failures.ObserveAsync(GetTargetProgress, async () => await caseload.GetTargetProgressAsync(
                    new Caseload.V1.TargetProgressRequest { Authority = council.Authority, AsOf = Date(AsOf) }, _headers, DateTime.UtcNow.AddMinutes(1)))).Unadjusted;
                var casesVisible = progress.Cases == expected.Cases && Math.Round(progress.CaseHoldingFte * 10) == expected.CaseHolders;
                var regularity = council.Sessions.Count == 0 ? null
                    : await _failures.ObserveAsync(GetRegularity, async () => await supervision.GetRegularityAsync(
                        new Supervision.V1.RegularityRequest { Authority = council.Authority, AsOf = Date(AsOf) }, _headers, DateTime.UtcNow.AddMinutes(1)));
                if (casesVisible && (regularity is null || regularity.SupervisedStaff == council.SupervisedStaff))
                {
                    return true;
                }
            }
            catch (RpcException)
            {
                // Recorded with its status; a failed poll is not a verdict on visibility, so poll again until the deadline.
            }

            await Task.Delay(250);
        }

        Console.Error.WriteLine($"{council.Authority}: not visible downstream within {options.VisibleTimeout.TotalSeconds:0} s");
        return false;
    }

    private static readonly string StreamStaffChanges = FailedCalls.Rpc(V1.StaffRegister.Descriptor, "StreamStaffChanges");
    private static readonly string StreamAllocationChanges = FailedCalls.Rpc(Caseload.V1.CaseAllocations.Descriptor, "StreamAllocationChanges");
    private static readonly string RecordSessions = FailedCalls.Rpc(Supervision.V1.SupervisionRecords.Descriptor, "RecordSessions");
    private static readonly string GetAgencyRate = FailedCalls.Rpc(V1.StaffRegister.Descriptor, "GetAgencyRate");
    private static readonly string GetTargetProgress = FailedCalls.Rpc(Caseload.V1.CaseAllocations.Descriptor, "GetTargetProgress");
    private static readonly string GetRegularity = FailedCalls.Rpc(Supervision.V1.SupervisionRecords.Descriptor, "GetRegularity");
    private static readonly string BatchGetAgencyRates = FailedCalls.Rpc(V1.StaffRegister.Descriptor, "BatchGetAgencyRates");
    private static readonly string BatchGetTargetProgress = FailedCalls.Rpc(Caseload.V1.CaseAllocations.Descriptor, "BatchGetTargetProgress");

    private List<(string Name, Func<string, int, Task> Query)>? _queries;

    /// <summary>The three analyst questions over four channels per service, made once the services listen; each records its failures.</summary>
    private List<(string Name, Func<string, int, Task> Query)> Queries() => _queries ??= NewQueries(() => AsOf);

    private long _days;

    /// <summary>Ten years of days back from the run's 30 September, in turn: far more than a council's memo of answers keeps.</summary>
    private DateOnly ManyDays() => AsOf.AddDays(-(int)(Interlocked.Increment(ref _days) % 3650));

    private List<(string Name, Func<string, int, Task> Query)> NewQueries(Func<DateOnly> day)
    {
        var channels = Enumerable.Range(0, 4).Select(_ => (Workforce: Channel("Workforce"), Caseload: Channel("Caseload"), Supervision: Channel("Supervision"))).ToList();
        DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
        return
        [
            ("agency rate", async (authority, i) => await _failures.ObserveAsync(GetAgencyRate, async () => await new V1.StaffRegister.StaffRegisterClient(channels[i % 4].Workforce)
                .GetAgencyRateAsync(new V1.FigureRequest { Authority = authority, AsOf = Date(day()) }, _headers, Deadline()))),
            ("target progress", async (authority, i) => await _failures.ObserveAsync(GetTargetProgress, async () => await new Caseload.V1.CaseAllocations.CaseAllocationsClient(channels[i % 4].Caseload)
                .GetTargetProgressAsync(new Caseload.V1.TargetProgressRequest { Authority = authority, AsOf = Date(day()) }, _headers, Deadline()))),
            ("regularity", async (authority, i) => await _failures.ObserveAsync(GetRegularity, async () => await new Supervision.V1.SupervisionRecords.SupervisionRecordsClient(channels[i % 4].Supervision)
                .GetRegularityAsync(new Supervision.V1.RegularityRequest { Authority = authority, AsOf = Date(day()) }, _headers, Deadline()))),
        ];
    }

    /// <summary>Agency rate and target progress of every council the token names, each in one call about <paramref name="day"/>.</summary>
    private List<(string Name, Func<Task> Query)> ManyCouncilQueries(Func<DateOnly> day)
    {
        var (workforce, caseload) = (Channel("Workforce"), Channel("Caseload"));
        DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
        return
        [
            ("agency rate", async () => await _failures.ObserveAsync(BatchGetAgencyRates, async () => await new V1.StaffRegister.StaffRegisterClient(workforce)
                .BatchGetAgencyRatesAsync(new V1.BatchGetAgencyRatesRequest { AsOf = Date(day()) }, _headers, Deadline()))),
            ("target progress", async () => await _failures.ObserveAsync(BatchGetTargetProgress, async () => await new Caseload.V1.CaseAllocations.CaseAllocationsClient(caseload)
                .BatchGetTargetProgressAsync(new Caseload.V1.BatchGetTargetProgressRequest { AsOf = Date(day()) }, _headers, Deadline()))),
        ];
    }

    /// <summary>
    /// All-council target progress, one call after another with a 10 s deadline: a reply larger than the channel's
    /// stream window waits for the client to open it, and at the 64 KiB default some such calls hung until their
    /// deadline. A call that fails is counted here, not among the suite's failed calls: it is what is measured.
    /// </summary>
    private async Task<LatencyFigures> WindowCheckAsync(GrpcChannel channel)
    {
        using (channel)
        {
            var client = new Caseload.V1.CaseAllocations.CaseAllocationsClient(channel);
            var latencies = new Latencies();
            var clock = Stopwatch.StartNew();
            for (var call = 0; call < options.WindowCheckCalls; call++)
            {
                try
                {
                    await latencies.TimeAsync(async () => await client.BatchGetTargetProgressAsync(
                        new Caseload.V1.BatchGetTargetProgressRequest { AsOf = Date(AsOf) }, _headers, DateTime.UtcNow.AddSeconds(10)));
                }
                catch (RpcException)
                {
                    latencies.Fail();
                }
            }

            return latencies.Figures(clock.Elapsed);
        }
    }

    private GrpcChannel Channel(string service) => GrpcClients.Channel($"http://127.0.0.1:{_running[service].GrpcPort}");

    /// <summary>VmRSS from /proc: what the service holds in memory now, shared libraries included.</summary>
    /// <summary>
    /// Waits (at most a minute) until the services together use under a tenth of a core for a whole second: work a
    /// feed left behind (alert evaluations, outbox, consumers catching up) had made the first query phase after ingest
    /// measure a machine still busy with it. Queries during ingest are measured separately.
    /// </summary>
    private async Task QuietAsync()
    {
        var deadline = Stopwatch.StartNew();
        var before = CpuSeconds();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuSeconds();
            if (now - before < 0.1)
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>User and system CPU time of the three services so far, from /proc (clock ticks of 1/100 s).</summary>
    private double CpuSeconds() => Services.Sum(service =>
    {
        var stat = File.ReadAllText($"/proc/{_running[service].ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100;
    });

    private static double ResidentMiB(int processId) =>
        File.ReadLines($"/proc/{processId}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024)
            .Single();

    private static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}
