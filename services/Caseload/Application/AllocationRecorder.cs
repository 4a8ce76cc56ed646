using Caseload.Api.Data;
using Caseload.Api.Domain;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Api.Application;

public enum RecordStatus
{
    Applied = 1,
    Duplicate = 2,
    Superseded = 3,
    Unmatched = 4,
}

/// <summary>Appends a validated batch to the allocation log atomically; idempotent per change id (DESIGN.md §3).</summary>
public sealed class AllocationRecorder(CaseloadDbContext db, CaseloadAlerts alerts)
{
    public async Task<IReadOnlyList<RecordStatus>> RecordAsync(string authority, IReadOnlyList<AllocationChange> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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

        var statuses = new RecordStatus[batch.Count];
        var inserted = new List<AllocationChange>();
        for (var i = 0; i < batch.Count; i++)
        {
            var change = batch[i];
            if (!held.TryGetValue(change.ChangeId, out var prior))
            {
                statuses[i] = RecordStatus.Applied;
            }
            else if (change.SourceVersion > prior.SourceVersion)
            {
                statuses[i] = RecordStatus.Superseded;
            }
            else if (change.SourceVersion < prior.SourceVersion || change.SameContentAs(prior))
            {
                statuses[i] = RecordStatus.Duplicate;
                continue;
            }
            else
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"changes[{i}]: change '{change.ChangeId}' is already recorded at source version {prior.SourceVersion} with different content; send a higher source_version to replace it. Nothing in this batch was recorded."));
            }

            // Services are eventually consistent: an allocation to a worker not heard of yet is kept and counts once they arrive.
            var waits = (change.StaffId is not null && !known.Contains(change.StaffId))
                || (change.Kind == AllocationKind.Correction && !held.ContainsKey(change.RetractsChangeId!));
            if (waits && statuses[i] == RecordStatus.Applied)
            {
                statuses[i] = RecordStatus.Unmatched;
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
