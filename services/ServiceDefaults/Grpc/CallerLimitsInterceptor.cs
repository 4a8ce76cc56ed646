using System.Threading.RateLimiting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>
/// Per-caller rate limit (a token bucket per token subject) and stream length, both as RESOURCE_EXHAUSTED: ASP.NET
/// Core's rate-limiting middleware answers HTTP 503, which gRPC clients see as UNAVAILABLE and retry.
/// Health and reflection ([AllowAnonymous]) are not limited, so probes never are.
/// </summary>
public sealed class CallerLimitsInterceptor : Interceptor, IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly int _maxStreamMessages;

    public CallerLimitsInterceptor(IOptions<RateLimitingOptions> rateLimiting, IOptions<GrpcLimitsOptions> limits)
    {
        var rate = rateLimiting.Value;
        _maxStreamMessages = limits.Value.MaxStreamMessages;
        _limiter = rate.Enabled
            ? PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate.Burst,
                TokensPerPeriod = rate.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }))
            : null;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(new BoundedReader<TRequest>(requestStream, _maxStreamMessages), context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(new BoundedReader<TRequest>(requestStream, _maxStreamMessages), responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (_limiter is null || http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire(http.User.FindFirst("sub")?.Value ?? "");
        if (!lease.IsAcquired)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Too many calls from this caller: slow down and retry in a second."));
        }
    }

    public void Dispose() => _limiter?.Dispose();

    private sealed class BoundedReader<T>(IAsyncStreamReader<T> inner, int limit) : IAsyncStreamReader<T>
    {
        private int _read;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            if (++_read > limit)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"A stream may carry at most {limit} messages; the {limit} before this one were accepted: send the rest in a new stream."));
            }

            return true;
        }
    }
}
