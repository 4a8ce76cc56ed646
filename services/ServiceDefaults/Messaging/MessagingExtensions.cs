using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Workforce.ServiceDefaults.Operations;
using Workforce.ServiceDefaults.Telemetry;

namespace Workforce.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    public const string RabbitMqConnectionName = "RabbitMq";

    /// <summary>
    /// MassTransit on RabbitMQ with this suite's delivery rules: queues named <c>{service}-{consumer}</c> so two
    /// services never share a queue; interval retries in memory (the broker has no delayed-exchange plugin) that
    /// skip <see cref="InvalidEventException"/>, then <c>_error</c>; a kill switch that pauses a failing endpoint
    /// instead of sweeping every message into <c>_error</c>; classic or quorum queues by configuration; and the
    /// outbox dispatcher. The host starts without waiting for the broker: writes go to the outbox meanwhile.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var section = builder.Configuration.GetSection(MessagingOptions.Section);
        builder.Services.AddOptions<MessagingOptions>().Bind(section)
            // Otherwise the dispatcher would claim rows and release them without ever publishing one.
            .Validate(o => o.OutboxLease > o.PublishTimeout, "Messaging:OutboxLease must be longer than Messaging:PublishTimeout.")
            .ValidateOnStart();
        var options = section.Get<MessagingOptions>() ?? new MessagingOptions();
        var broker = RabbitMqAddress.Parse(builder.Configuration.GetConnectionString(RabbitMqConnectionName));

        var endpointNames = new ReceiveEndpointNames();

        ServiceTelemetry.Register(builder.Services, serviceName);
        builder.Services.AddSingleton(broker);
        builder.Services.AddSingleton(endpointNames);
        builder.Services.AddSingleton<ErrorQueues>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName + "-", includeNamespace: false));
            // MassTransit reports its configuration to its vendor over the internet unless told not to: a council's
            // service sends nothing it was not asked to (and on a closed network the attempt only logs a failure).
            bus.ConfigureUsageTelemetryOptions(telemetry => telemetry.Enabled = false);
            addConsumers?.Invoke(bus);
            // MassTransit's own check calls a bus that lost the broker "degraded", which health endpoints serve as up;
            // readiness uses BrokerHealthCheck instead.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Tags.Clear();
                health.Tags.Add("masstransit");
            });
            bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
            {
                endpointNames.Add(queue);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = options.PrefetchCount;
                    if (options.IsQuorum)
                    {
                        rabbit.SetQuorumQueue();
                    }
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                });
                rabbit.UseKillSwitch(killSwitch => killSwitch
                    .SetActivationThreshold(10)
                    .SetTripThreshold(0.15)
                    .SetRestartTimeout(s: 30));
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Intervals(options.EffectiveRetryIntervals);
                    retry.Ignore<InvalidEventException>();
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = false);
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker", HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddSingleton(typeof(InboxBatcher<>));
        builder.Services.AddConsumeObserver<ConsumeMetricsObserver>();
        builder.Services.AddPublishObserver<AlertPublishObserver>();
        builder.Services.AddHostedService<OutboxBacklogMonitor>();
        builder.Services.AddSingleton<BrokerMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BrokerMonitor>());
        return builder;
    }
}

/// <summary>The parts of an <c>amqp://user:password@host:port/vhost</c> URI.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqAddress Parse(string? uri)
    {
        var address = new Uri(string.IsNullOrWhiteSpace(uri) ? "amqp://guest:guest@127.0.0.1:5672/" : uri);
        if (address.Scheme is not ("amqp" or "rabbitmq"))
        {
            throw new InvalidOperationException($"ConnectionStrings:{MessagingExtensions.RabbitMqConnectionName} must be an amqp:// URI.");
        }

        var userInfo = address.UserInfo.Split(':', 2);
        var path = Uri.UnescapeDataString(address.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            address.Host,
            (ushort)(address.IsDefaultPort || address.Port < 0 ? 5672 : address.Port),
            path.Length == 0 ? "/" : path,
            userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest",
            userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest");
    }
}
