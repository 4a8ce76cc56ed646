using System.Diagnostics;
using System.Net;
using System.Text;
using Grpc.Net.Client;
using Workforce.ServiceDefaults.Transport;

namespace Workforce.Testing;

/// <summary>
/// One service running as its own process, built from its project, on free loopback ports: a real Kestrel
/// host with its own ActivityListener, exactly as it runs in production.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string service, Process process, int grpcPort, int httpPort, string grpcScheme, string httpScheme)
    {
        Service = service;
        GrpcAddress = new Uri($"{grpcScheme}://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"{httpScheme}://127.0.0.1:{httpPort}");
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public string Service { get; }

    public int GrpcPort { get; }

    /// <summary>The gRPC listener: <c>http</c> (h2c), or <c>https</c> when started with TLS.</summary>
    public Uri GrpcAddress { get; }

    public int HttpPort { get; }

    /// <summary>The operating system's id of the service process, for reading its resident memory.</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>services/{service}</c> with the given settings (environment variables) and waits until it is ready;
    /// on <paramref name="grpcPort"/> when another service must be told the address before this one is up; with
    /// <paramref name="grpcTls"/> the gRPC listener is HTTPS, with <paramref name="httpTls"/> the HTTP/1.1 one (the settings give
    /// their certificates).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string service, IReadOnlyDictionary<string, string> settings, TimeSpan? readyTimeout = null, int? grpcPort = null, bool grpcTls = false, bool httpTls = false)
    {
        var assembly = RepositoryPaths.ServiceAssembly(service);
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} does not exist: build the solution first.");
        }

        var grpc = grpcPort ?? DeployScript.FreePort();
        var httpPort = DeployScript.FreePort();
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = RepositoryPaths.ServiceProjectDirectory(service),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        var grpcScheme = grpcTls ? "https" : "http";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"{grpcScheme}://127.0.0.1:{grpc}";
        var httpScheme = httpTls ? "https" : "http";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"{httpScheme}://127.0.0.1:{httpPort}";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in TestTokens.ServiceSettings)
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var running = new ServiceProcess(service, process, grpc, httpPort, grpcScheme, httpScheme);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await running.WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            // A service that never became ready must not outlive the test that started it.
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    /// <summary>
    /// A channel to the service whose calls fail when no answer has begun within <see cref="CallTimeout"/>: a service
    /// that hangs fails the test that called it, naming the call, instead of holding up the whole run.
    /// </summary>
    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
    {
        HttpHandler = new CallTimeoutHandler(CallTimeout) { InnerHandler = GrpcClients.Handler() },
    });

    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(3);

    private sealed class CallTimeoutHandler(TimeSpan timeout) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var timing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timing.CancelAfter(timeout);
            try
            {
                return await base.SendAsync(request, timing.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.RequestUri} began no answer within {timeout.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>The HTTP/1.1 listener (health, metrics, JSON): <c>http</c>, or <c>https</c> when started with TLS.</summary>
    public Uri HttpAddress { get; }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        // Readiness only: a TLS listener's certificate is the test's own, checked by the tests that call it.
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Service} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync(new Uri(HttpAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the request timeout.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Service} was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
