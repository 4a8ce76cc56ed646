using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Google.Rpc.Status;

namespace Workforce.HostileInput;

/// <summary>What a service answered: the status, and the fields an INVALID_ARGUMENT named.</summary>
public sealed record Outcome(StatusCode Status, IReadOnlyList<string> Violations, string Message);

/// <summary>
/// Sends hand-built bytes to the services: through gRPC with a byte-array marshaller (so nothing checks the bytes
/// on the way out), or raw over HTTP/2 when the framing itself is the attack.
/// </summary>
public sealed class HostileClient : IDisposable
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, (GrpcChannel Channel, Uri Address)> _services;
    private readonly HttpClient _http;

    public HostileClient(IReadOnlyDictionary<string, Uri> services)
    {
        _services = services.ToDictionary(s => s.Key, s => (GrpcChannel.ForAddress(s.Value, new GrpcChannelOptions
        {
            // The barrage sends messages past the services' limit on purpose.
            MaxSendMessageSize = null,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxRetryAttempts = 0,
        }), s.Value));
        _http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { Timeout = Deadline };
    }

    public async Task<Outcome> SendAsync(HostileRequest request)
    {
        try
        {
            return request.Framing == Framing.Grpc ? await SendGrpcAsync(request) : await SendRawAsync(request);
        }
        catch (RpcException error)
        {
            return new Outcome(error.StatusCode, Violations(error.GetRpcStatus()), error.Status.Detail);
        }
    }

    private async Task<Outcome> SendGrpcAsync(HostileRequest request)
    {
        var invoker = _services[request.Service].Channel.CreateCallInvoker();
        var (service, method) = Split(request.Method);
        var options = new CallOptions(Headers(request.Token), DateTime.UtcNow + Deadline);
        if (!request.Streaming)
        {
            await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, service, method, Raw, Raw), null, options, request.Messages[0]);
            return new Outcome(StatusCode.OK, [], "");
        }

        using var call = invoker.AsyncClientStreamingCall(new Method<byte[], byte[]>(MethodType.ClientStreaming, service, method, Raw, Raw), null, options);
        try
        {
            foreach (var chunk in request.Messages)
            {
                await call.RequestStream.WriteAsync(chunk);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception error) when (error is RpcException or InvalidOperationException or IOException)
        {
            // The service may end the call before reading every chunk; its status is the answer.
        }

        await call.ResponseAsync;
        return new Outcome(StatusCode.OK, [], "");
    }

    private async Task<Outcome> SendRawAsync(HostileRequest request)
    {
        var body = Frame(request.Messages[0], request.Framing);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_services[request.Service].Address, request.Method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (request.Token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Token);
        }

        using var response = await _http.SendAsync(message);
        await response.Content.ReadAsByteArrayAsync();
        var status = Header(response, "grpc-status");
        if (status is null)
        {
            // No gRPC status: map the HTTP status as gRPC clients do.
            return new Outcome(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
                HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
                HttpStatusCode.NotFound => StatusCode.Unimplemented,
                HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
                _ => StatusCode.Unknown,
            }, [], $"HTTP {(int)response.StatusCode} without grpc-status");
        }

        var details = Header(response, "grpc-status-details-bin") is { } encoded ? Status.Parser.ParseFrom(Convert.FromBase64String(Pad(encoded))) : null;
        return new Outcome((StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), Violations(details), Uri.UnescapeDataString(Header(response, "grpc-message") ?? ""));
    }

    /// <summary>A gRPC length-prefixed message, framed wrongly in the way asked.</summary>
    private static byte[] Frame(byte[] message, Framing framing)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = framing == Framing.CompressedFlagWithoutEncoding ? (byte)1 : (byte)0;
        var declared = framing == Framing.LengthBeyondBody ? message.Length + 100 : message.Length;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)declared);
        message.CopyTo(frame, 5);
        return framing switch
        {
            Framing.HeaderCutShort => frame[..3],
            Framing.TrailingBytes => [.. frame, 0, 0, 0],
            _ => frame,
        };
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
        : response.Headers.TryGetValues(name, out var header) ? header.First()
        : null;

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static IReadOnlyList<string> Violations(Status? status) =>
        status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    private static Metadata Headers(string? token) => token is null ? [] : new Metadata { { "authorization", "Bearer " + token } };

    private static (string Service, string Method) Split(string path)
    {
        var parts = path.Trim('/').Split('/');
        return (parts[0], parts[1]);
    }

    public void Dispose()
    {
        foreach (var (channel, _) in _services.Values)
        {
            channel.Dispose();
        }

        _http.Dispose();
    }
}
