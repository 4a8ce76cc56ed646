using System.Diagnostics;
using Workforce.Testing;

namespace Workforce.LoadDriver;

/// <summary>
/// A private RabbitMQ node and PostgreSQL cluster for one run, through the project's own scripts, on ports of their
/// own (50672-50674, 50432) so a run disturbs neither development nor the test suite. Their data lives under .run/load.
/// </summary>
public sealed class Infrastructure : IAsyncDisposable
{
    public const int AmqpPort = 50672;
    public const int PostgresPort = 50432;

    private static readonly string RunDirectory = Path.Combine(RepositoryPaths.Root, ".run", "load");

    private static readonly string[] Rabbit =
        ["--dir", Path.Combine(RunDirectory, "rabbitmq"), "--name", "workforce-load", "--port", $"{AmqpPort}", "--mgmt-port", "50673", "--dist-port", "50674"];

    private static readonly string[] Postgres = ["--dir", Path.Combine(RunDirectory, "postgres"), "--port", $"{PostgresPort}"];

    private bool _rabbit;
    private bool _postgres;

    public string BrokerUri => $"amqp://guest:guest@127.0.0.1:{AmqpPort}/";

    public static string PostgresConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=64";

    public static async Task<Infrastructure> StartAsync()
    {
        var infrastructure = new Infrastructure();
        // A fresh node each run: queues and messages left by an earlier run would be measured with this one.
        var rabbitData = Path.Combine(RunDirectory, "rabbitmq");
        if (Directory.Exists(rabbitData))
        {
            Directory.Delete(rabbitData, recursive: true);
        }

        try
        {
            await RunAsync("rabbitmq.sh", ["start", .. Rabbit]);
            infrastructure._rabbit = true;
            await RunAsync("postgres.sh", ["start", .. Postgres]);
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
