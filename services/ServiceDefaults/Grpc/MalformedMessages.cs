using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>
/// Bytes that are not the RPC's message, or are framed wrongly, are the caller's mistake: INVALID_ARGUMENT naming
/// the request, where gRPC itself would answer INTERNAL (bad framing) or UNKNOWN (a message that does not parse).
/// </summary>
public static class MalformedMessages
{
    public const string Field = "request";

    /// <summary>The error details the suite sends, which JSON (an <c>Any</c> names its type) must be able to resolve.</summary>
    public static readonly TypeRegistry ErrorDetails = TypeRegistry.FromMessages(BadRequest.Descriptor);

    public static RpcException Invalid(string description)
    {
        var badRequest = new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = Field, Description = description } } };
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = $"Invalid field '{Field}': {description}",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        }.ToRpcException();
    }
}

/// <summary>
/// Checks a unary call's body (framing, then parsing) before gRPC reads it. The body is copied once into a pooled
/// buffer, at most the message size limit, and gRPC then reads that copy: buffering it in a stream, with a fresh
/// 80 KB buffer per call, had made this check the largest source of garbage on the query path.
/// </summary>
public sealed class UnaryMessageCheck(RequestDelegate next, IOptions<GrpcServiceOptions> options)
{
    private static readonly ConcurrentDictionary<IMethod, MessageParser> Parsers = new();

    public async Task InvokeAsync(HttpContext context)
    {
        // A JSON call (transcoded) is parsed by transcoding, which reports a bad body itself.
        var endpoint = context.GetEndpoint()?.Metadata;
        if (endpoint?.GetMetadata<GrpcMethodMetadata>() is not { Method.Type: MethodType.Unary } metadata
            || endpoint.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
        {
            await next(context);
            return;
        }

        var limit = (long)(options.Value.MaxReceiveMessageSize ?? int.MaxValue) + 5;
        var original = context.Request.Body;
        var (body, length) = await CopyAsync(context.Request.BodyReader, limit, context.RequestAborted);
        try
        {
            if (length > limit)
            {
                // Past the limit gRPC answers RESOURCE_EXHAUSTED itself, reading what was copied and then the rest.
                context.Request.Body = new PrefixedStream(body, length, original);
            }
            else if (Problem(body, length, context.Request.Headers.ContainsKey("grpc-encoding"), metadata.Method) is { } problem)
            {
                var status = MalformedMessages.Invalid(problem).GetRpcStatus()!;
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
                context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
                return;
            }
            else
            {
                context.Request.Body = new MemoryStream(body, 0, length, writable: false);
            }

            await next(context);
        }
        finally
        {
            context.Request.Body = original;
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    /// <summary>The body, or its first <paramref name="limit"/> + 1 bytes, in a pooled buffer the caller returns.</summary>
    private static async Task<(byte[] Body, int Length)> CopyAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        var body = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var take = (int)Math.Min(read.Buffer.Length, limit + 1 - length);
                if (length + take > body.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)body.Length * 2, length + take), Array.MaxLength));
                    body.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(body);
                    body = larger;
                }

                read.Buffer.Slice(0, take).CopyTo(body.AsSpan(length));
                length += take;
                reader.AdvanceTo(read.Buffer.GetPosition(take));
                if (length > limit || (read.IsCompleted && take == read.Buffer.Length))
                {
                    return (body, length);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(body);
            throw;
        }
    }

    private static string? Problem(byte[] body, int length, bool encoded, IMethod method)
    {
        if (length < 5)
        {
            return $"the body holds {length} bytes, fewer than a gRPC message header";
        }

        if (body[0] > 1 || (body[0] == 1 && !encoded))
        {
            return body[0] > 1 ? $"unknown compressed flag {body[0]}" : "the message is flagged compressed but the request names no grpc-encoding";
        }

        var declared = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
        if (declared != length - 5)
        {
            return $"the gRPC message header declares {declared} bytes but the body carries {length - 5}";
        }

        if (body[0] == 1)
        {
            return null;
        }

        try
        {
            Parsers.GetOrAdd(method, Parser).ParseFrom(body, 5, length - 5);
            return null;
        }
        catch (InvalidProtocolBufferException parse)
        {
            return $"not a valid {method.ServiceName}.{method.Name} request: {parse.Message}";
        }
    }

    /// <summary>The parser of the method's request type, the <c>TRequest</c> of its <c>Method&lt;TRequest, TResponse&gt;</c>.</summary>
    private static MessageParser Parser(IMethod method) =>
        (MessageParser)method.GetType().GetGenericArguments()[0].GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}

/// <summary>A request body read again: bytes already copied out of it, then the rest of the original body.</summary>
internal sealed class PrefixedStream(byte[] prefix, int length, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == length)
        {
            return rest.ReadAsync(buffer, cancellationToken);
        }

        var count = Math.Min(buffer.Length, length - _position);
        prefix.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        return ValueTask.FromResult(count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A JSON body that transcoding cannot read (not JSON, a wrong type, an unknown enum name) is answered 400 by
/// transcoding with a message but no field; this adds the <c>request</c> violation a malformed gRPC message gets, so
/// every INVALID_ARGUMENT over JSON names a field too. Only calls with a body are buffered, and only their answers.
/// </summary>
public sealed class JsonBodyCheck(RequestDelegate next)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true)
        .WithTypeRegistry(MalformedMessages.ErrorDetails));

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null || HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && UnnamedProblem(answer.ToArray()) is { } problem)
        {
            var body = System.Text.Encoding.UTF8.GetBytes(Formatter.Format(MalformedMessages.Invalid(problem).GetRpcStatus()));
            context.Response.ContentLength = body.Length;
            await original.WriteAsync(body, context.RequestAborted);
            return;
        }

        answer.Position = 0;
        await answer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>The message of an INVALID_ARGUMENT answer that carries no details; null for any other answer.</summary>
    private static string? UnnamedProblem(byte[] answer)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(answer);
            var root = json.RootElement;
            return root.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) && value == (int)StatusCode.InvalidArgument
                && (!root.TryGetProperty("details", out var details) || details.GetArrayLength() == 0)
                ? $"the JSON body cannot be read: {(root.TryGetProperty("message", out var message) ? message.GetString() : "")}"
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>The same for client streams, message by message as the service reads them.</summary>
public sealed class StreamMessageCheck : Interceptor
{
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new CheckedReader<TRequest>(requestStream), context);

    private sealed class CheckedReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken);
            }
            catch (InvalidProtocolBufferException error)
            {
                throw MalformedMessages.Invalid($"a streamed message is not valid: {error.Message}");
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Internal)
            {
                // gRPC reports a wrongly framed message as INTERNAL.
                throw MalformedMessages.Invalid($"a streamed message is framed wrongly: {error.Status.Detail}");
            }
        }
    }
}

public static class MalformedMessageExtensions
{
    public static IServiceCollection AddMalformedMessageChecks(this IServiceCollection services) =>
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<StreamMessageCheck>());
}
