using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.ServiceDefaults.Telemetry;

/// <summary>
/// Looks at the outbox on an interval (two indexed queries) and hands the backlog to the gauges, so a scrape never
/// touches the database. Replicas sharing one database each report the same table. When the database cannot be read
/// the gauges keep the last backlog seen; database health is readiness's job.
/// </summary>
public sealed class OutboxBacklogMonitor(
    IServiceScopeFactory scopes,
    ServiceTelemetry telemetry,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxBacklogMonitor> logger) : PeriodicWork("Reading the outbox backlog", clock, logger)
{
    protected override TimeSpan NextDelay => options.Value.OutboxMetricsInterval;

    protected override LogLevel FailureLevel => LogLevel.Debug;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unsent = scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Outbox.AsNoTracking().Where(m => m.SentAt == null);
        var pending = await unsent.LongCountAsync(cancellationToken);
        // SQLite cannot order DateTimeOffset in SQL; the lowest sequence is the oldest row.
        var oldest = pending == 0
            ? null
            : await unsent.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        telemetry.SetOutboxBacklog(new OutboxBacklog(pending, oldest));
    }
}
