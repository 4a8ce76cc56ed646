using System.Diagnostics;

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
            DeployScript.FreePort(),
            DeployScript.FreePort(),
            DeployScript.FreePort());
        await broker.RunAsync("start");
        return broker;
    }

    public Task StartAgainAsync() => RunAsync("start");

    public Task StopAsync() => RunAsync("stop");

    /// <summary>Kills the node's Erlang VM outright (SIGKILL), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(_directory, "rabbitmq.pid"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var node = Process.GetProcessById(pid);
        node.Kill(entireProcessTree: true);

        // Not our child, so .NET can only poll it, and a killed node nobody has reaped yet (a zombie) still answers a
        // poll: it is dead once it has stopped running, reaped or not.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"RabbitMQ node {pid} still running 30 s after SIGKILL.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>False once the process is gone or a zombie (state Z or X in /proc/PID/stat).</summary>
    private static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // "pid (comm) S ...": the state follows the last ')', as comm may itself hold one.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }

    private Task RunAsync(string command) => DeployScript.RunAsync("rabbitmq.sh",
    [
        command, "--dir", _directory, "--name", _name, "--port", Port.ToString(),
        "--mgmt-port", _managementPort.ToString(), "--dist-port", _distributionPort.ToString(),
    ]);

    public async ValueTask DisposeAsync() => await StopAsync();
}
