using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Audit;

/// <summary>Removes audit records older than <c>Audit:RetentionDays</c>, every <c>Audit:CleanupInterval</c>.</summary>
public sealed partial class AuditCleanup(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCleanup> log)
    : PeriodicWork("audit cleanup", time, log)
{
    protected override TimeSpan NextDelay => options.Value.CleanupInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var before = options.Value.ExpiredBeforeUnixMs(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        var removed = await db.Set<AuditRecord>().Where(r => r.ReadAtUnixMs < before).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            LogRemoved(scope.ServiceProvider.GetRequiredService<ILogger<AuditCleanup>>(), removed, options.Value.RetentionDays);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} audit records older than {Days} days")]
    private static partial void LogRemoved(ILogger logger, int count, int days);
}
