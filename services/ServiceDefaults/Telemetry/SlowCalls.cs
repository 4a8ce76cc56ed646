using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workforce.ServiceDefaults.Telemetry;

public sealed class SlowCallOptions
{
    public const string Section = "Telemetry";

    /// <summary>A call that takes at least this long, from its first middleware to its answer, is logged as a warning.</summary>
    public double SlowCallSeconds { get; set; } = 5;
}

/// <summary>
/// Logs each call slower than <see cref="SlowCallOptions.SlowCallSeconds"/> with its path, time, gRPC status and whether
/// the caller had gone (deadline or cancellation). It runs before authentication, so a call that stalls anywhere in the
/// service shows here; a call that never shows was held up before it reached the service.
/// </summary>
public sealed partial class SlowCalls(RequestDelegate next, ILogger<SlowCalls> logger, IOptions<SlowCallOptions> options, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = clock.GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = clock.GetUtcNow() - started;
            if (elapsed.TotalSeconds >= options.Value.SlowCallSeconds)
            {
                var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
                    ? trailer.ToString()
                    : context.Response.Headers["grpc-status"].ToString();
                SlowCall(context.Request.Path, (long)elapsed.TotalMilliseconds, status, context.Response.StatusCode, context.RequestAborted.IsCancellationRequested);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Slow call: {Path} took {ElapsedMs} ms (grpc-status '{GrpcStatus}', HTTP {HttpStatus}, caller gone: {Aborted})")]
    private partial void SlowCall(string path, long elapsedMs, string grpcStatus, int httpStatus, bool aborted);

    /// <summary>Puts <see cref="SlowCalls"/> first in the pipeline, ahead of authentication and routing.</summary>
    public sealed class First : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<SlowCalls>();
            next(app);
        };
    }
}
