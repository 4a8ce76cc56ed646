using System.Diagnostics;
using Workforce.Testing;

namespace Workforce.LoadDriver;

/// <summary>
/// A private RabbitMQ node and PostgreSQL cluster for one run, through the project's own scripts, on ports of their
/// own (by default 50672-50674 and 50432: <c>--port-base</c> plus 672-674 and 432) so a run disturbs neither
/// development nor the test suite. Their data lives in the run directory (by default .run/load).
/// </summary>
public sealed class Infrastructure : IAsyncDisposable
{
    private readonly int _portBase;
    private readonly string _runDirectory;
    private bool _rabbit;
    private bool _postgres;

    private Infrastructure(int portBase, string runDirectory) => (_portBase, _runDirectory) = (portBase, runDirectory);

    public string BrokerUri => $"amqp://guest:guest@127.0.0.1:{_portBase + 672}/";

    private string[] Rabbit =>
    [
        "--dir", Path.Combine(_runDirectory, "rabbitmq"), "--name", $"workforce-load-{_portBase}", "--port", $"{_portBase + 672}",
        "--mgmt-port", $"{_portBase + 673}", "--dist-port", $"{_portBase + 674}",
    ];

    private string[] Postgres => ["--dir", Path.Combine(_runDirectory, "postgres"), "--port", $"{_portBase + 432}"];

    public string PostgresConnectionString(string database, int pool = 64) =>
        $"Host=127.0.0.1;Port={_portBase + 432};Username=postgres;Database={database};Pooling=true;Maximum Pool Size={pool}";

    /// <summary>An unpooled connection string: for one-off administration that must not hold a connection afterwards.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={_portBase + 432};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<Infrastructure> StartAsync(int portBase, string runDirectory)
    {
        var infrastructure = new Infrastructure(portBase, runDirectory);
        // A fresh node each run: queues and messages left by an earlier run would be measured with this one.
        var rabbitData = Path.Combine(runDirectory, "rabbitmq");
        if (Directory.Exists(rabbitData))
        {
            Directory.Delete(rabbitData, recursive: true);
        }

        try
        {
            await RunAsync("rabbitmq.sh", ["start", .. infrastructure.Rabbit]);
            infrastructure._rabbit = true;
            await RunAsync("postgres.sh", ["start", .. infrastructure.Postgres]);
            infrastructure._postgres = true;
            return infrastructure;
        }
        catch
        {
            await infrastructure.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres)
        {
            await RunAsync("postgres.sh", ["stop", .. Postgres]);
        }

        if (_rabbit)
        {
            await RunAsync("rabbitmq.sh", ["stop", .. Rabbit]);
        }
    }

    private static async Task RunAsync(string script, string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "deploy", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {arguments[0]} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }
}
