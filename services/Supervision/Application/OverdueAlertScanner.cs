using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults;

namespace Supervision.Api.Application;

/// <summary>How often overdue supervision is looked for (section <c>Supervision</c>).</summary>
public sealed class OverdueScanOptions
{
    public const string Section = "Supervision";

    public TimeSpan OverdueScanInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Runs <see cref="OverdueAlerts"/> at start and then on its interval; a failed scan is logged and retried next time.</summary>
public sealed class OverdueAlertScanner(IServiceScopeFactory scopes, IOptions<OverdueScanOptions> options, TimeProvider clock, ILogger<OverdueAlertScanner> logger)
    : PeriodicWork("Overdue supervision scan", clock, logger)
{
    protected override TimeSpan NextDelay => options.Value.OverdueScanInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OverdueAlerts>().ScanAsync(cancellationToken);
    }
}
