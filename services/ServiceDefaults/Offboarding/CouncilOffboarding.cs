using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Operations;

namespace Workforce.ServiceDefaults.Offboarding;

public sealed class OffboardingOptions
{
    /// <summary>Publish <see cref="CouncilOffboarded"/> through the outbox (the workforce service, which the others follow).</summary>
    public bool Announce { get; set; }
}

/// <param name="Stores">Every council table, then every <c>_error</c> queue, with what was (or would be) deleted.</param>
public sealed record OffboardingResult(IReadOnlyList<StoreCount> Stores, DateTimeOffset? OffboardedAt);

/// <summary>Offboards a council from this service: its database in one transaction with the tombstone, then its <c>_error</c> messages.</summary>
public sealed partial class CouncilOffboarding(
    ServiceDbContext db, ErrorQueues errorQueues, CouncilChanges changes, IOptions<OffboardingOptions> options, TimeProvider clock, ILogger<CouncilOffboarding> logger)
{
    public async Task<OffboardingResult> OffboardAsync(string authority, bool dryRun, CancellationToken cancellationToken)
    {
        Action<ServiceDbContext, DateTimeOffset>? announce = options.Value.Announce
            ? (context, at) => context.AddIntegrationEvent(new CouncilOffboarded(authority, at), clock)
            : null;
        var tables = await CouncilDataDeletion.OffboardAsync(db, authority, dryRun, clock.GetUtcNow(), announce, cancellationToken);
        // Deleted in bulk, past the change tracker: this process's next read must not wait for the notification.
        changes.Changed(authority);
        // After the tombstone commits, consumers drop the council's messages, so none can fault into _error behind this.
        var queues = await errorQueues.RemoveCouncilAsync(authority, dryRun, cancellationToken);
        var stores = tables.Tables.Concat(queues.Select(q => new StoreCount(StoreCount.ErrorQueue, q.Queue, q.Count))).ToList();
        foreach (var store in stores)
        {
            LogStore(authority, dryRun, store.Kind, store.Name, store.Count);
        }

        LogOffboarded(authority, dryRun, tables.Tables.Sum(t => t.Count), queues.Sum(q => q.Count));
        return new OffboardingResult(stores, tables.OffboardedAt);
    }

    public async Task<bool> LiftAsync(string authority, CancellationToken cancellationToken)
    {
        var lifted = await CouncilDataDeletion.LiftAsync(db, authority, cancellationToken);
        LogLifted(authority, lifted);
        return lifted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offboarding {Authority} (dry run {DryRun}): {Kind} {Store}: {Count}")]
    private partial void LogStore(string authority, bool dryRun, string kind, string store, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarded {Authority} (dry run {DryRun}): {Rows} rows and {Messages} error-queue messages")]
    private partial void LogOffboarded(string authority, bool dryRun, long rows, long messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offboarding of {Authority} lifted: {Lifted}")]
    private partial void LogLifted(string authority, bool lifted);
}
