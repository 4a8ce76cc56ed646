using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workforce.LoadDriver.Echo;
using Workforce.ServiceDefaults.Transport;

namespace Workforce.LoadDriver;

/// <summary>
/// The gRPC floor: a unary echo on a Kestrel h2c listener set up as the services' gRPC listener is, called by the
/// same client the suite's queries use — what no query over gRPC can beat on this machine.
/// </summary>
public static class GrpcFloor
{
    public static async Task<LatencyFigures> MeasureAsync(TimeSpan duration, int concurrency, int channels, int payloadBytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await using var app = builder.Build();
        app.MapGrpcService<EchoService>();
        await app.StartAsync();
        var address = app.Urls.First();

        var clients = Enumerable.Range(0, channels).Select(_ => new Echo.Echo.EchoClient(GrpcClients.Channel(address))).ToList();
        var request = new EchoMessage { Payload = ByteString.CopyFrom(new byte[payloadBytes]) };
        var figures = await Load.ForAsync(duration, concurrency, async (worker, _) => await clients[worker % channels].EchoAsync(request, deadline: DateTime.UtcNow.AddSeconds(30)));
        await app.StopAsync();
        return figures;
    }

    private sealed class EchoService : Echo.Echo.EchoBase
    {
        public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
    }
}
