using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workforce.ServiceDefaults.Audit;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Telemetry;
using Workforce.ServiceDefaults.Transport;

namespace Workforce.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";
    internal const string ReadyTag = "ready";
    private const string MetricsPath = "/metrics";

    /// <summary>
    /// What every Workforce service shares: OpenTelemetry (OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set),
    /// the suite's metrics (also scraped by Prometheus at <c>/metrics</c>), liveness and readiness checks also served over
    /// the gRPC health protocol, gRPC with reflection and JSON transcoding (every unary RPC's <c>google.api.http</c> rule), and JWT auth.
    /// Listeners come from the standard <c>Kestrel:Endpoints</c> configuration: one HTTP/2 (gRPC) and one HTTP/1.1.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddHostDefaults(serviceName);
        builder.AddCallerLimits();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = builder.Environment.IsDevelopment();
            grpc.MaxReceiveMessageSize = builder.Configuration.GetSection(GrpcLimitsOptions.Section).Get<GrpcLimitsOptions>()?.MaxReceiveMessageBytes
                ?? new GrpcLimitsOptions().MaxReceiveMessageBytes;
            // Outermost first: every refusal is counted, then limits and scope are checked before storage is touched.
            grpc.Interceptors.Add<RejectedCallsInterceptor>();
            grpc.Interceptors.Add<CallerLimitsInterceptor>();
            grpc.Interceptors.Add<CallerScopeInterceptor>();
            grpc.Interceptors.Add<StorageFailureInterceptor>();
        }).AddJsonTranscoding(json =>
            // Field violations travel as google.rpc.BadRequest inside the error's details, which JSON names by type.
            json.TypeRegistry = MalformedMessages.ErrorDetails);
        builder.Services.AddMalformedMessageChecks();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddWorkforceAuth(builder.Configuration);
        builder.AddClientCertificateValidation();
        return builder;
    }

    /// <summary>
    /// The part every host of the suite shares, gRPC service or not: OpenTelemetry and the suite's metrics, and the
    /// liveness check (<see cref="MapHealthEndpoints"/> serves them).
    /// </summary>
    public static IHostApplicationBuilder AddHostDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddTelemetry(serviceName);
        builder.Services.Configure<SlowCallOptions>(builder.Configuration.GetSection(SlowCallOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTransient<IStartupFilter, SlowCalls.First>();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    private static void AddCallerLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitingOptions>(builder.Configuration.GetSection(RateLimitingOptions.Section));
        builder.Services.Configure<GrpcLimitsOptions>(builder.Configuration.GetSection(GrpcLimitsOptions.Section));
        // One instance holds every caller's bucket; the scope interceptor is stateless.
        builder.Services.AddSingleton<CallerLimitsInterceptor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// Applies to every HTTPS listener, including those from <c>Kestrel:Endpoints</c>; it is consulted only where an
    /// endpoint asks for client certificates (<c>ClientCertificateMode</c>).
    /// </summary>
    private static void AddClientCertificateValidation(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClientCertificateOptions.Section).Get<ClientCertificateOptions>() ?? new ClientCertificateOptions();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            // Built as the server starts, so an unreadable CA file stops it there.
            var validator = new ClientCertificateValidator(options);
            kestrel.ConfigureHttpsDefaults(https => https.ClientCertificateValidation = validator.Validate);
        });
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ServiceTelemetry.Register(builder.Services, serviceName);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(serviceName)
                .AddSource(OutboxDispatcher.ActivitySourceName)
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(serviceName)
                .AddMeter(ServiceTelemetry.MeterName)
                .AddMeter("MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>
    /// Health over HTTP/1.1 (<c>/health/live</c>, <c>/health/ready</c>) and gRPC, the Prometheus scrape endpoint
    /// (<c>/metrics</c>) and reflection, none needing a token (health bodies are the bare status word); and the
    /// operations role's <c>operations.v1.DeadLetters</c> over the service's <c>_error</c> queues and
    /// <c>operations.v1.Retention</c> (the service registers its purge with <c>AddRetention</c>), <c>operations.v1.Audit</c>, and
    /// <c>operations.v1.Councils</c> (offboarding; the service registers it with <c>AddCouncilOffboarding</c>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Runs after routing and authorization, so it knows the RPC and only sees callers allowed to call it.
        app.UseMiddleware<UnaryMessageCheck>();
        app.UseMiddleware<JsonBodyCheck>();
        app.MapGrpcService<DeadLettersService>();
        app.MapGrpcService<RetentionService>();
        app.MapGrpcService<AuditService>();
        app.MapGrpcService<CouncilsService>();
        app.MapHealthEndpoints();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        return app;
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c> and the Prometheus scrape endpoint, none needing a token.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }
}
