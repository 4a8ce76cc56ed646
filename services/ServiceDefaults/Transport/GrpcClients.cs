using Grpc.Net.Client;

namespace Workforce.ServiceDefaults.Transport;

/// <summary>
/// How the suite's own clients (services calling each other, the scorecard, the load driver, the tests) reach a
/// service over HTTP/2. Each stream may receive <see cref="StreamWindowBytes"/> before the client must open the
/// window again: at the HTTP/2 default of 64 KiB, replies larger than that (a national <c>BatchGetTargetProgress</c>,
/// 74 KB) hung until their deadline about once in 15,000 calls between .NET's client and Kestrel; with 1 MiB, none
/// did in 60,000 (README, National scale).
/// </summary>
public static class GrpcClients
{
    public const int StreamWindowBytes = 1024 * 1024;

    public static SocketsHttpHandler Handler() => new() { InitialHttp2StreamWindowSize = StreamWindowBytes, EnableMultipleHttp2Connections = true };

    public static GrpcChannel Channel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = Handler() });

    public static GrpcChannel Channel(string address) => Channel(new Uri(address));
}
