using Caseload.Api.Data;
using Caseload.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Telemetry;

namespace Caseload.Api.Application;

/// <summary>Appends a validated batch to the allocation log atomically; idempotent per change id (DESIGN.md §3).</summary>
public sealed class AllocationRecorder(CaseloadDbContext db, CaseloadAlerts alerts, ServiceTelemetry telemetry)
{
    public Task<IReadOnlyList<WriteStatus>> RecordAsync(string authority, IReadOnlyList<AllocationChange> batch, CancellationToken cancellationToken) =>
        telemetry.RecordBatchAsync("allocation changes", authority, batch.Select(c => c.Kind.ToString()).ToList(), () => ApplyAsync(authority, batch, cancellationToken));

    private async Task<IReadOnlyList<WriteStatus>> ApplyAsync(string authority, IReadOnlyList<AllocationChange> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ThrowIfOffboardedAsync(authority, cancellationToken);
        var ids = batch.Select(c => c.ChangeId).Concat(batch.Select(c => c.RetractsChangeId).OfType<string>()).Distinct().ToList();
        var held = (await db.AllocationChanges.AsNoTracking()
                .Where(c => c.Authority == authority && ids.Contains(c.ChangeId))
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.ChangeId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.SourceVersion)!);
        var staffIds = batch.Select(c => c.StaffId).OfType<string>().Distinct().ToList();
        var known = (await db.Workers.AsNoTracking()
                .Where(w => w.Authority == authority && staffIds.Contains(w.StaffId))
                .Select(w => w.StaffId)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var statuses = new WriteStatus[batch.Count];
        var inserted = new List<AllocationChange>();
        for (var i = 0; i < batch.Count; i++)
        {
            var change = batch[i];
            var prior = held.GetValueOrDefault(change.ChangeId);
            statuses[i] = IdempotentWrite.Classify($"changes[{i}]", change.ChangeId, change.SourceVersion, prior?.SourceVersion, () => change.SameContentAs(prior!));
            if (statuses[i] == WriteStatus.Duplicate)
            {
                continue;
            }

            // Services are eventually consistent: an allocation to a worker not heard of yet is kept and counts once they arrive.
            var waits = (change.StaffId is not null && !known.Contains(change.StaffId))
                || (change.Kind == AllocationKind.Correction && !held.ContainsKey(change.RetractsChangeId!));
            if (waits && statuses[i] == WriteStatus.Applied)
            {
                statuses[i] = WriteStatus.Unmatched;
            }

            held[change.ChangeId] = change;
            inserted.Add(change);
        }

        db.AllocationChanges.AddRange(inserted);
        await db.SaveChangesAsync(cancellationToken);

        // Workers who gained a case, and those who lost one (its holder before the change), may cross a level.
        var caseIds = inserted.Select(c => c.CaseId).OfType<string>().Distinct().ToList();
        var previousHolders = await db.AllocationChanges.AsNoTracking()
            .Where(c => c.Authority == authority && c.CaseId != null && caseIds.Contains(c.CaseId) && c.StaffId != null)
            .Select(c => c.StaffId!)
            .Distinct()
            .ToListAsync(cancellationToken);
        await alerts.EvaluateAsync(authority, previousHolders.Concat(staffIds).ToHashSet(StringComparer.Ordinal), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return statuses;
    }
}
