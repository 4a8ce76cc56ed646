using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Caching;

namespace Workforce.ServiceDefaults.Retention;

/// <summary>One council's purge as reported: its dates, what was (or would be) removed and frozen.</summary>
public sealed record PurgeReport(DateOnly Cutoff, DateOnly? Horizon, bool DryRun, PurgeOutcome Outcome);

/// <summary>Runs the service's <see cref="IRetentionPurge"/> at today's cutoff, logging the cutoff and counts (never ids of people or cases).</summary>
public sealed partial class RetentionPurges(
    IRetentionPurge purge, FrozenFigures frozen, CouncilChanges changes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionPurges> logger)
{
    /// <summary>The years kept, or null when the deployment keeps everything.</summary>
    public int? Years => options.Value.Years;

    public async Task<PurgeReport> PurgeAsync(string authority, bool dryRun, CancellationToken cancellationToken)
    {
        var years = Years ?? throw new InvalidOperationException($"{RetentionOptions.Section}:Years is not set.");
        var now = clock.GetUtcNow();
        var cutoff = RetentionDates.Cutoff(DateOnly.FromDateTime(now.UtcDateTime), years);
        var previous = await frozen.HorizonAsync(authority, cancellationToken);
        var window = RetentionWindow.For(cutoff, previous, now);
        var outcome = await purge.PurgeAsync(authority, window, dryRun, cancellationToken);
        // Deleted in bulk, past the change tracker: this process's next read must not wait for the notification.
        changes.Changed(authority);
        var purgedAny = outcome.Purged.Any(t => t.Rows > 0);
        DateOnly? horizon = purgedAny && (previous is null || window.Horizon > previous.Horizon) ? window.Horizon : previous?.Horizon;
        LogPurge(logger, authority, dryRun, years, cutoff, horizon, string.Join(", ", outcome.Purged.Select(t => $"{t.Table} {t.Rows}")), outcome.FiguresFrozen);
        return new PurgeReport(cutoff, horizon, dryRun, outcome);
    }

    /// <summary>Purges every council the service holds; one council's failure does not stop the others.</summary>
    public async Task PurgeAllAsync(CancellationToken cancellationToken)
    {
        foreach (var authority in await purge.AuthoritiesAsync(cancellationToken))
        {
            try
            {
                await PurgeAsync(authority, dryRun: false, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogPurgeFailed(logger, exception, authority);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention purge of authority {Authority} (dry run {DryRun}): {Years} years kept, cutoff {Cutoff:yyyy-MM-dd}, horizon {Horizon:yyyy-MM-dd}; rows purged [{Purged}], figures frozen {Frozen}")]
    private static partial void LogPurge(ILogger logger, string authority, bool dryRun, int years, DateOnly cutoff, DateOnly? horizon, string purged, int frozen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge of authority {Authority} failed; nothing of it was purged")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception, string authority);
}

/// <summary>The scheduled purge: every <c>Retention:Interval</c> (a day by default), only when <c>Retention:Years</c> is set.</summary>
public sealed class RetentionSchedule(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionSchedule> logger)
    : PeriodicWork("retention purge", clock, logger)
{
    protected override TimeSpan NextDelay => options.Value.Interval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Years is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RetentionPurges>().PurgeAllAsync(cancellationToken);
    }
}
