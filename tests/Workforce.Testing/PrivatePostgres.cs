namespace Workforce.Testing;

/// <summary>
/// A PostgreSQL cluster of one test's own, started with the project's <c>deploy/postgres.sh</c>, which the test may
/// stop and start again (its data survives) without disturbing the shared test database server.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory;

    private PrivatePostgres(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var server = new PrivatePostgres(TestEnvironment.NewScratchDirectory("postgres"), DeployScript.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() => DeployScript.RunAsync("postgres.sh", ["start", "--dir", _directory, "--port", Port.ToString()]);

    public Task StopAsync() => DeployScript.RunAsync("postgres.sh", ["stop", "--dir", _directory]);

    public async ValueTask DisposeAsync() => await StopAsync();
}
