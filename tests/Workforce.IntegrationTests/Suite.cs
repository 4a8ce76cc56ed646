using System.Data.Common;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workforce.IntegrationTests.Otlp;
using Workforce.Testing;
using Workforce.V1;

namespace Workforce.IntegrationTests;

public enum Storage
{
    Sqlite,
    Postgres,
}

/// <summary>How a test class wants the suite run.</summary>
public sealed record SuiteOptions
{
    public Storage Storage { get; init; } = Storage.Sqlite;

    public string QueueType { get; init; } = "classic";

    /// <summary>One message in flight per consumer keeps delivery in publish order, which some tests rely on.</summary>
    public int PrefetchCount { get; init; } = 1;

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A broker of the test's own (e.g. one it stops); null means a fresh virtual host on the shared test broker.</summary>
    public string? BrokerUri { get; init; }

    /// <summary>A PostgreSQL server of the test's own (e.g. one it stops); null means the shared test server.</summary>
    public string? PostgresServer { get; init; }

    /// <summary>Further configuration for every service, as environment variables (e.g. <c>Storage__BusyTimeoutSeconds</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Caseload processes sharing one database and one set of queues; more than one needs PostgreSQL.</summary>
    public int CaseloadReplicas { get; init; } = 1;
}

/// <summary>
/// The three services as separate processes on a real broker and real databases, exporting traces to an OTLP
/// receiver: the deployment in miniature.
/// </summary>
public sealed class Suite : IAsyncDisposable
{
    public static readonly string[] ServiceNames = ["workforce", "caseload", "supervision"];

    private readonly SuiteOptions _options;
    private readonly Dictionary<string, string> _postgresDatabases = [];
    private string? _virtualHost;
    private int _workforceGrpcPort;
    private ServiceProcess[] _extraCaseloads = [];

    private Suite(SuiteOptions options) => _options = options;

    public ServiceProcess Workforce { get; private set; } = null!;

    public ServiceProcess Caseload { get; private set; } = null!;

    public ServiceProcess Supervision { get; private set; } = null!;

    /// <summary><see cref="Caseload"/> and any further replicas of it.</summary>
    public IReadOnlyList<ServiceProcess> CaseloadReplicas => [Caseload, .. _extraCaseloads];

    public OtlpReceiver Telemetry { get; private set; } = null!;

    public string BrokerUri { get; private set; } = "";

    public string VirtualHost => _virtualHost ?? "/";

    /// <summary>Where the services keep their SQLite files.</summary>
    public string DataDirectory { get; private set; } = "";

    /// <summary>Each service's PostgreSQL database, when the suite runs on PostgreSQL.</summary>
    public IReadOnlyDictionary<string, string> PostgresDatabaseNames => _postgresDatabases;

    public static async Task<Suite> StartAsync(SuiteOptions options)
    {
        var suite = new Suite(options);
        try
        {
            await suite.StartServicesAsync();
            return suite;
        }
        catch
        {
            await suite.DisposeAsync();
            throw;
        }
    }

    private async Task StartServicesAsync()
    {
        Telemetry = await OtlpReceiver.StartAsync();
        if (_options.BrokerUri is null)
        {
            using var admin = RabbitMqAdmin.ForTestBroker();
            _virtualHost = RabbitMqAdmin.NewVirtualHostName("suite");
            BrokerUri = await admin.CreateVirtualHostAsync(TestEnvironment.RabbitMqUri, _virtualHost);
        }
        else
        {
            BrokerUri = _options.BrokerUri;
        }

        DataDirectory = TestEnvironment.NewScratchDirectory("suite");
        _workforceGrpcPort = DeployScript.FreePort();
        await StartProcessesAsync();
    }

    /// <summary>Stops the three services, runs <paramref name="whileStopped"/>, and starts them again on the same data.</summary>
    public async Task RestartServicesAsync(Func<Task> whileStopped)
    {
        await StopProcessesAsync();
        await whileStopped();
        await StartProcessesAsync();
    }

    /// <summary>Kills one service (as a crash would) and starts it again on the same data and settings.</summary>
    public async Task RestartServiceAsync(string service)
    {
        switch (service)
        {
            case "workforce":
                Workforce = await RestartAsync(Workforce, service);
                break;
            case "caseload":
                Caseload = await RestartAsync(Caseload, service);
                break;
            case "supervision":
                Supervision = await RestartAsync(Supervision, service);
                break;
            default:
                throw new ArgumentException($"no service {service}", nameof(service));
        }
    }

    private async Task<ServiceProcess> RestartAsync(ServiceProcess process, string service)
    {
        await process.DisposeAsync();
        return await ServiceProcess.StartAsync(process.Service, Settings(service), grpcPort: service == "workforce" ? _workforceGrpcPort : null);
    }

    private async Task StartProcessesAsync()
    {
        var caseload = Settings("caseload");
        var started = await StartAllAsync(
            ServiceProcess.StartAsync("Workforce", Settings("workforce"), grpcPort: _workforceGrpcPort),
            ServiceProcess.StartAsync("Caseload", caseload),
            ServiceProcess.StartAsync("Supervision", Settings("supervision")));
        (Workforce, Caseload, Supervision) = (started[0], started[1], started[2]);
        // Started once the first has created and migrated the database they share.
        _extraCaseloads = await StartAllAsync(Enumerable.Range(1, _options.CaseloadReplicas - 1).Select(_ => ServiceProcess.StartAsync("Caseload", caseload)).ToArray());
    }

    /// <summary>Waits for services starting together; when one fails, stops the others, which the suite could not dispose.</summary>
    private static async Task<ServiceProcess[]> StartAllAsync(params Task<ServiceProcess>[] starting)
    {
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync();
            }

            throw;
        }
    }

    private Dictionary<string, string> Settings(string service)
    {
        var settings = new Dictionary<string, string>(Telemetry.ServiceSettings(service))
        {
            ["ConnectionStrings__RabbitMq"] = BrokerUri,
            ["Storage__DataDirectory"] = DataDirectory,
            ["Messaging__QueueType"] = _options.QueueType,
            ["Messaging__PrefetchCount"] = _options.PrefetchCount.ToString(),
            ["Messaging__RetryIntervals__0"] = _options.RetryInterval.ToString(),
            ["Messaging__RetryIntervals__1"] = _options.RetryInterval.ToString(),
            ["Messaging__RetryIntervals__2"] = _options.RetryInterval.ToString(),
            // Gauges refreshed often, so tests see the outbox and the _error queues change quickly.
            ["Messaging__OutboxMetricsInterval"] = "00:00:01",
            ["Messaging__ErrorQueueCheckInterval"] = "00:00:02",
            // Overdue supervision is found by a periodic scan: often, so tests see its alerts quickly.
            ["Supervision__OverdueScanInterval"] = "00:00:01",
            // Read models are rebuilt from the workforce service.
            ["ReadModels__WorkforceUrl"] = $"http://127.0.0.1:{_workforceGrpcPort}",
            // Tests call as fast as they can under one subject; the rate limit has tests of its own.
            ["RateLimiting__Enabled"] = "false",
        };
        if (_options.Storage == Storage.Postgres)
        {
            string database;
            lock (_postgresDatabases)
            {
                database = _postgresDatabases.TryGetValue(service, out var existing) ? existing : _postgresDatabases[service] = PostgresDatabases.NewName(service);
            }

            settings["ConnectionStrings__Postgres"] = PostgresDatabases.ConnectionString(database, _options.PostgresServer);
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    public StaffRegister.StaffRegisterClient StaffRegister() => new(Workforce.CreateChannel());

    public Caseload.V1.CaseAllocations.CaseAllocationsClient CaseAllocations(ServiceProcess? replica = null) => new((replica ?? Caseload).CreateChannel());

    public Supervision.V1.SupervisionRecords.SupervisionRecordsClient SupervisionRecords() => new(Supervision.CreateChannel());

    public Operations.V1.DeadLetters.DeadLettersClient DeadLetters(ServiceProcess service) => new(service.CreateChannel());

    public Operations.V1.ReadModels.ReadModelsClient ReadModels(ServiceProcess service) => new(service.CreateChannel());

    public Operations.V1.Councils.CouncilsClient Councils(ServiceProcess service) => new(service.CreateChannel());

    public static Metadata Bearer(string token, string? traceParent = null)
    {
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        if (traceParent is not null)
        {
            headers.Add("traceparent", traceParent);
        }

        return headers;
    }

    /// <summary>Version of a post in the caseload service's worker read model, or null if it has not arrived.</summary>
    public async Task<long?> CaseloadVersionAsync(string authority, string staffId) =>
        AsLong(await QueryAsync("caseload", "SELECT \"Version\" FROM workers WHERE \"Authority\" = @a AND \"StaffId\" = @s", ("@a", authority), ("@s", staffId)));

    /// <summary>Version of a post in the supervision service's staff read model, or null if it has not arrived.</summary>
    public async Task<long?> SupervisionVersionAsync(string authority, string staffId) =>
        AsLong(await QueryAsync("supervision", "SELECT \"Version\" FROM supervised_staff WHERE \"Authority\" = @a AND \"StaffId\" = @s", ("@a", authority), ("@s", staffId)));

    /// <summary>How many change-log rows the workforce service holds for a post.</summary>
    public async Task<long> WorkforceChangeCountAsync(string authority, string staffId) =>
        AsLong(await QueryAsync("workforce", "SELECT COUNT(*) FROM staff_changes WHERE \"Authority\" = @a AND \"StaffId\" = @s", ("@a", authority), ("@s", staffId))) ?? 0;

    /// <summary>The post's version in the workforce service: the sequence of the latest change-log row behind its state (its own rows or the council's settings, kind 7).</summary>
    public async Task<long> WorkforceVersionAsync(string authority, string staffId) =>
        await WorkforceChangeCountAsync(authority, staffId) > 0
            ? AsLong(await QueryAsync("workforce", "SELECT MAX(\"Sequence\") FROM staff_changes WHERE \"Authority\" = @a AND (\"StaffId\" = @s OR \"Kind\" = 7)", ("@a", authority), ("@s", staffId)))!.Value
            : throw new InvalidOperationException($"The workforce service holds no change for {staffId}.");

    /// <summary>Integration events of a type (e.g. <c>StaffMemberChanged</c>) a service has written to its outbox.</summary>
    public async Task<long> OutboxEventCountAsync(string service, string eventType) =>
        AsLong(await QueryAsync(service, "SELECT COUNT(*) FROM outbox WHERE \"MessageType\" LIKE @t", ("@t", $"Workforce.Contracts.{eventType},%"))) ?? 0;

    /// <summary>Messages a consumer of a service has applied, by its inbox.</summary>
    public async Task<long> InboxCountAsync(string service, string consumer) =>
        AsLong(await QueryAsync(service, "SELECT COUNT(*) FROM inbox WHERE \"Consumer\" = @c", ("@c", consumer))) ?? 0;

    /// <summary>Outbox rows of the workforce service not yet confirmed by the broker.</summary>
    public async Task<long> WorkforceUnsentCountAsync() =>
        AsLong(await QueryAsync("workforce", "SELECT COUNT(*) FROM outbox WHERE \"SentAt\" IS NULL")) ?? 0;

    /// <summary>FTE (millionths) of a post on a day in the caseload service's worker read model; null when not in post there.</summary>
    public async Task<long?> CaseloadFteOnAsync(string authority, string staffId, DateOnly day) =>
        AsLong(await QueryAsync("caseload", "SELECT \"FteMillionths\" FROM worker_periods" + OnDay, ("@a", authority), ("@s", staffId), ("@d", day)));

    /// <summary>Census role of a post on a day in the supervision service's read model; null when not in post there.</summary>
    public async Task<long?> SupervisionRoleOnAsync(string authority, string staffId, DateOnly day) =>
        AsLong(await QueryAsync("supervision", "SELECT \"CensusRole\" FROM supervision_periods" + OnDay, ("@a", authority), ("@s", staffId), ("@d", day)));

    /// <summary>The day an absence starting on <paramref name="firstDay"/> becomes long-term, in the caseload read model.</summary>
    public async Task<DateOnly?> CaseloadLongTermFromAsync(string authority, string staffId, DateOnly firstDay) =>
        await QueryAsync("caseload", "SELECT \"LongTermFrom\" FROM worker_absences WHERE \"Authority\" = @a AND \"StaffId\" = @s AND \"FirstDay\" = @d",
            ("@a", authority), ("@s", staffId), ("@d", firstDay)) switch
        {
            DateOnly day => day,
            DateTime time => DateOnly.FromDateTime(time),
            string text => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };

    /// <summary>How many workers of a council the caseload service's read model holds.</summary>
    public async Task<long> CaseloadWorkerCountAsync(string authority) =>
        AsLong(await QueryAsync("caseload", "SELECT COUNT(*) FROM workers WHERE \"Authority\" = @a", ("@a", authority))) ?? 0;

    /// <summary>Version of a council's settings in a consuming service ("caseload" or "supervision"), or null before any arrived.</summary>
    public async Task<long?> SettingsVersionAsync(string service, string authority) =>
        AsLong(await QueryAsync(service, "SELECT \"Version\" FROM council_settings WHERE \"Authority\" = @a", ("@a", authority)));

    private const string OnDay = " WHERE \"Authority\" = @a AND \"StaffId\" = @s AND \"From\" <= @d AND (\"To\" IS NULL OR \"To\" > @d)";

    /// <summary>Waits until both consuming services hold the version of the post the workforce service holds.</summary>
    public async Task WaitForReadModelsAsync(string authority, string staffId, TimeSpan? timeout = null) =>
        await WaitForReadModelsAsync(authority, staffId, await WorkforceVersionAsync(authority, staffId), timeout);

    /// <summary>Waits until both consuming services hold <paramref name="version"/> of the post.</summary>
    public async Task WaitForReadModelsAsync(string authority, string staffId, long version, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        long? held = null;
        await WithLogOnTimeout(Caseload, Eventually.True(async () => (held = await CaseloadVersionAsync(authority, staffId)) == version, limit, $"caseload to hold version {version} of {staffId}"), () => held);
        await WithLogOnTimeout(Supervision, Eventually.True(async () => (held = await SupervisionVersionAsync(authority, staffId)) == version, limit, $"supervision to hold version {version} of {staffId}"), () => held);
    }

    /// <summary>A timeout waiting on a service says what the service logged, which is usually why.</summary>
    private static async Task WithLogOnTimeout(ServiceProcess service, Task wait, Func<long?> held)
    {
        try
        {
            await wait;
        }
        catch (TimeoutException timeout)
        {
            var tail = string.Join('\n', service.Output.Split('\n').TakeLast(60));
            throw new TimeoutException($"{timeout.Message} It holds version {held()?.ToString() ?? "none"}.\n--- last lines of {service.Service}'s log ---\n{tail}", timeout);
        }
    }

    /// <summary>A count (or any whole number) from a service's database, 0 when there is none.</summary>
    public async Task<long> CountAsync(string service, string sql) => AsLong(await QueryAsync(service, sql)) ?? 0;

    /// <summary>Every row of a query on a service's database, each column as the provider returns it.</summary>
    public async Task<IReadOnlyList<object[]>> RowsAsync(string service, string sql)
    {
        await using var connection = Connect(service);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Runs SQL against a service's database behind its back, as damage or a fault would.</summary>
    public async Task ExecuteAsync(string service, string sql)
    {
        await using var connection = Connect(service, readOnly: false);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Holds an ACCESS EXCLUSIVE lock on a table of a service's PostgreSQL database until disposed: any query of the
    /// table waits for it, so a service that answers meanwhile answered without reading the table.
    /// </summary>
    public async Task<IAsyncDisposable> LockTableAsync(string service, string table)
    {
        var connection = (NpgsqlConnection)Connect(service, readOnly: false);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE \"{table}\" IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new HeldLock(connection, transaction);
    }

    private sealed class HeldLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>Inbox rows of a service for one MessageId: how many times a consumer applied the message.</summary>
    public async Task<long> InboxCountAsync(string service, Guid messageId) =>
        AsLong(await QueryAsync(service, "SELECT COUNT(*) FROM inbox WHERE upper(\"MessageId\") = @m", ("@m", messageId.ToString().ToUpperInvariant()))) ?? 0;

    private static long? AsLong(object? value) => value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first column of the first row, or null when there is none (or the service has not created its tables yet).</summary>
    private async Task<object?> QueryAsync(string service, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Connect(service);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        try
        {
            return await command.ExecuteScalarAsync() is { } result and not DBNull ? result : null;
        }
        catch (DbException)
        {
            // Before the service has migrated its database there is nothing to read yet.
            if (await TablesExistAsync(connection))
            {
                throw;
            }

            return null;
        }
    }

    private static async Task<bool> TablesExistAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory'";
        return Convert.ToInt64(await command.ExecuteScalarAsync()) > 0;
    }

    private DbConnection Connect(string service, bool readOnly = true)
    {
        if (_options.Storage == Storage.Postgres)
        {
            var database = _postgresDatabases[service];
            return new NpgsqlConnection(PostgresDatabases.ConnectionString(database, _options.PostgresServer));
        }

        var file = Path.Combine(DataDirectory, service + ".db");
        return new SqliteConnection($"Data Source={file};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=false");
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessesAsync();

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            using var admin = RabbitMqAdmin.ForTestBroker();
            await admin.DeleteVirtualHostAsync(_virtualHost);
        }

        foreach (var database in _postgresDatabases.Values)
        {
            await PostgresDatabases.DropAsync(database, _options.PostgresServer);
        }
    }

    private async Task StopProcessesAsync()
    {
        foreach (var service in new[] { Workforce, Caseload, Supervision }.Concat(_extraCaseloads))
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }
}
