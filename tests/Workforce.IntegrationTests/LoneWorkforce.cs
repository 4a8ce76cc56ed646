using Workforce.Testing;

namespace Workforce.IntegrationTests;

/// <summary>The workforce service alone, on a virtual host of its own, with the test's settings (TLS, limits).</summary>
public sealed class LoneWorkforce : IAsyncDisposable
{
    private readonly string _virtualHost;

    private LoneWorkforce(string virtualHost, ServiceProcess service)
    {
        _virtualHost = virtualHost;
        Service = service;
    }

    public ServiceProcess Service { get; }

    public static async Task<LoneWorkforce> StartAsync(IReadOnlyDictionary<string, string> settings, bool grpcTls = false, bool httpTls = false)
    {
        using var admin = RabbitMqAdmin.ForTestBroker();
        var virtualHost = RabbitMqAdmin.NewVirtualHostName("lone");
        var all = new Dictionary<string, string>(settings)
        {
            ["ConnectionStrings__RabbitMq"] = await admin.CreateVirtualHostAsync(TestEnvironment.RabbitMqUri, virtualHost),
            ["Storage__DataDirectory"] = TestEnvironment.NewScratchDirectory("lone"),
        };
        try
        {
            return new LoneWorkforce(virtualHost, await ServiceProcess.StartAsync("Workforce", all, grpcTls: grpcTls, httpTls: httpTls));
        }
        catch
        {
            await admin.DeleteVirtualHostAsync(virtualHost);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        using var admin = RabbitMqAdmin.ForTestBroker();
        await admin.DeleteVirtualHostAsync(_virtualHost);
    }
}
