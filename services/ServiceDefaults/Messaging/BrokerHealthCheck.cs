using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workforce.ServiceDefaults.Messaging;

/// <summary>
/// Ready only while the broker is reachable and every consumer endpoint of the bus runs. The host starts without the
/// broker (writes go to the outbox), so this is what tells a load balancer or Kubernetes that events are not flowing.
/// </summary>
public sealed class BrokerHealthCheck(IBusControl bus, BrokerMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.IsConnected && bus.CheckHealth().Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The broker is not connected or a consumer endpoint is not running."));
}
