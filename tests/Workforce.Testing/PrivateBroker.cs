using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workforce.Testing;

/// <summary>
/// A RabbitMQ node of one test's own, started with the project's <c>deploy/rabbitmq.sh</c>, which the test may stop
/// and start again (its data survives) without disturbing the shared test broker.
/// </summary>
public sealed class PrivateBroker : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _name;
    private readonly int _managementPort;
    private readonly int _distributionPort;

    private PrivateBroker(string directory, string name, int port, int managementPort, int distributionPort)
    {
        _directory = directory;
        _name = name;
        Port = port;
        _managementPort = managementPort;
        _distributionPort = distributionPort;
    }

    public int Port { get; }

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<PrivateBroker> StartAsync()
    {
        var broker = new PrivateBroker(
            TestEnvironment.NewScratchDirectory("rabbitmq"),
            "wf-private-" + Guid.NewGuid().ToString("N")[..8],
            FreePort(),
            FreePort(),
            FreePort());
        await broker.RunAsync("start");
        return broker;
    }

    public Task StartAgainAsync() => RunAsync("start");

    public Task StopAsync() => RunAsync("stop");

    private async Task RunAsync(string command)
    {
        var script = Path.Combine(RepositoryPaths.Root, "deploy", "rabbitmq.sh");
        var start = new ProcessStartInfo("bash",
        [
            script, command, "--dir", _directory, "--name", _name, "--port", Port.ToString(),
            "--mgmt-port", _managementPort.ToString(), "--dist-port", _distributionPort.ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmq.sh {command} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
