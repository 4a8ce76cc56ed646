using System.Diagnostics;
using Google.Protobuf;
using Npgsql;
using Supervision.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// The documented backup procedure (deploy/backup.sh) on both engines: back up while the services run, lose every
/// database, restore, and every figure is byte-for-byte what it was.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Authority = "870";
    private static readonly Google.Type.Date AsOf = Requests.Day(2025, 9, 30);

    [Theory]
    [InlineData(Storage.Sqlite)]
    [InlineData(Storage.Postgres)]
    public async Task Figures_after_losing_the_data_and_restoring_the_backup_are_identical(Storage storage)
    {
        await using var suite = await Suite.StartAsync(new SuiteOptions { Storage = storage });
        await LoadAsync(suite);
        var before = await FiguresAsync(suite);
        var backup = TestEnvironment.NewScratchDirectory("backup");

        await RunBackupScriptAsync(suite, storage, "backup", "--to", backup);
        await suite.RestartServicesAsync(async () =>
        {
            await LoseDataAsync(suite, storage);
            await RunBackupScriptAsync(suite, storage, "restore", "--from", backup);
        });
        var after = await FiguresAsync(suite);

        Assert.Equal(Suite.ServiceNames.Length, File.ReadAllLines(Path.Combine(backup, "MANIFEST")).Length);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(before[i].Equals(after[i]), $"figure {i} differs after restore:\n{before[i]}\n{after[i]}");
        }
    }

    [Fact]
    public async Task A_backup_that_does_not_match_its_manifest_is_refused_and_nothing_is_restored()
    {
        var data = TestEnvironment.NewScratchDirectory("backup-data");
        var backup = TestEnvironment.NewScratchDirectory("backup");
        foreach (var service in Suite.ServiceNames)
        {
            await File.WriteAllTextAsync(Path.Combine(backup, service + ".db"), "not what was backed up");
        }

        await File.WriteAllTextAsync(Path.Combine(backup, "MANIFEST"), "0000000000000000000000000000000000000000000000000000000000000000  workforce.db\n");

        var (exitCode, output) = await RunScriptAsync("restore", "--from", backup, "--sqlite", data);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("do not match MANIFEST", output);
        Assert.Empty(Directory.GetFiles(data));
    }

    private static async Task LoadAsync(Suite suite)
    {
        var hr = Suite.Bearer(TestTokens.HrWriter(Authority));
        var agency = Requests.CaseHoldingWorker(Authority, 2, 1.0);
        agency.Assignment.Contract = ContractType.Agency;
        var workers = new[] { Requests.CaseHoldingWorker(Authority, 0, 1.0), Requests.CaseHoldingWorker(Authority, 1, 0.5), agency };
        foreach (var worker in workers)
        {
            worker.Assignment.LineManagerStaffId = "tm-1";
        }

        await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, workers), hr);
        foreach (var worker in workers)
        {
            await suite.WaitForReadModelsAsync(Authority, worker.StaffId);
        }

        var allocations = new Caseload.V1.RecordAllocationChangesRequest { Authority = Authority };
        allocations.Changes.AddRange(Enumerable.Range(0, 25).Select(i => Requests.OpenCase(Authority, i, workers[i % 3].StaffId, Requests.Day(2025, 1, 6))));
        await suite.CaseAllocations().RecordAllocationChangesAsync(allocations, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [Authority])));
        var sessions = new RecordSessionsRequest { Authority = Authority };
        sessions.Sessions.AddRange(workers.Select((w, i) => new Session
        {
            SessionId = $"session-{i}",
            SuperviseeStaffId = w.StaffId,
            SupervisorStaffId = "tm-1",
            Date = Requests.Day(2025, 9, 10 + i),
            Minutes = 60,
            Kind = SessionKind.Individual,
        }));
        await suite.SupervisionRecords().RecordSessionsAsync(sessions, Suite.Bearer(TestTokens.Create([WorkforceRoles.SupervisionWriter], [Authority])));
    }

    private static async Task<List<IMessage>> FiguresAsync(Suite suite)
    {
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority]));
        var figure = new FigureRequest { Authority = Authority, AsOf = AsOf };
        return
        [
            await suite.StaffRegister().GetAgencyRateAsync(figure, analyst),
            await suite.StaffRegister().GetWorkforceStabilityAsync(figure, analyst),
            await suite.CaseAllocations().GetTargetProgressAsync(new Caseload.V1.TargetProgressRequest { Authority = Authority, AsOf = AsOf }, analyst),
            await suite.CaseAllocations().ListCaseloadsAsync(new Caseload.V1.ListCaseloadsRequest { Authority = Authority, AsOf = AsOf }, analyst),
            await suite.SupervisionRecords().GetRegularityAsync(new RegularityRequest { Authority = Authority, AsOf = AsOf }, analyst),
        ];
    }

    private static async Task LoseDataAsync(Suite suite, Storage storage)
    {
        if (storage == Storage.Postgres)
        {
            foreach (var database in suite.PostgresDatabaseNames.Values)
            {
                await PostgresDatabases.DropAsync(database);
            }

            return;
        }

        foreach (var file in Directory.GetFiles(suite.DataDirectory))
        {
            File.Delete(file);
        }
    }

    private static async Task RunBackupScriptAsync(Suite suite, Storage storage, params string[] arguments)
    {
        List<string> target = ["--sqlite", suite.DataDirectory];
        if (storage == Storage.Postgres)
        {
            var server = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
            target = ["--postgres", $"{server.Host}:{server.Port}", "--user", server.Username!];
            target.AddRange(suite.PostgresDatabaseNames.SelectMany(d => new[] { "--database", $"{d.Key}={d.Value}" }));
        }

        var (exitCode, output) = await RunScriptAsync([.. arguments, .. target]);
        Assert.True(exitCode == 0, $"backup.sh {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "deploy", "backup.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
