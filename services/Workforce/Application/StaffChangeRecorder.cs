using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Grpc;
using Workforce.Api.Data;
using Workforce.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Telemetry;

namespace Workforce.Api.Application;

/// <summary>
/// Appends a validated batch to the change log and, in the same transaction, one <see cref="StaffMemberChanged"/>
/// per affected post carrying its full effective-dated state. Idempotent per change id (DESIGN.md §3).
/// </summary>
public sealed class StaffChangeRecorder(WorkforceDbContext db, TimeProvider clock, ServiceTelemetry telemetry)
{
    public Task<IReadOnlyList<WriteStatus>> RecordAsync(string authority, IReadOnlyList<StaffChange> batch, CancellationToken cancellationToken) =>
        telemetry.RecordBatchAsync("staff changes", authority, batch.Select(c => c.Kind.ToString()).ToList(), () => ApplyAsync(authority, batch, cancellationToken));

    private async Task<IReadOnlyList<WriteStatus>> ApplyAsync(string authority, IReadOnlyList<StaffChange> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // One writer per council at a time, so each post's event is computed from every change committed before it.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({authority}))", cancellationToken);
        }

        await db.ThrowIfOffboardedAsync(authority, cancellationToken);

        var ids = batch.Select(c => c.ChangeId).Concat(batch.Select(c => c.RetractsChangeId).OfType<string>()).Distinct().ToList();
        var held = (await db.StaffChanges.AsNoTracking()
                .Where(c => c.Authority == authority && ids.Contains(c.ChangeId))
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.ChangeId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.SourceVersion)!);

        var statuses = new WriteStatus[batch.Count];
        var inserted = new List<StaffChange>();
        for (var i = 0; i < batch.Count; i++)
        {
            var change = batch[i];
            if (change.Kind == ChangeKind.Correction && held.TryGetValue(change.RetractsChangeId!, out var target))
            {
                change.StaffId = target.StaffId;
            }

            var prior = held.GetValueOrDefault(change.ChangeId);
            statuses[i] = IdempotentWrite.Classify($"changes[{i}]", change.ChangeId, change.SourceVersion, prior?.SourceVersion, () => change.SameContentAs(prior!));
            if (statuses[i] == WriteStatus.Duplicate)
            {
                continue;
            }

            held[change.ChangeId] = change;
            inserted.Add(change);
        }

        if (inserted.Count > 0)
        {
            db.StaffChanges.AddRange(inserted);
            await db.SaveChangesAsync(cancellationToken);
            await PublishPostStatesAsync(authority, inserted, batch, statuses, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return statuses;
    }

    private async Task PublishPostStatesAsync(string authority, List<StaffChange> inserted, IReadOnlyList<StaffChange> batch, WriteStatus[] statuses, CancellationToken cancellationToken)
    {
        // New settings can change every post's absences (the long-term rule), so then every post is re-sent.
        var settingsChanged = inserted.Any(c => c.Kind == ChangeKind.Settings);
        var staffIds = inserted.Select(c => c.StaffId).OfType<string>().Distinct().ToList();
        var log = await db.StaffChanges.AsNoTracking()
            .Where(c => c.Authority == authority
                && (settingsChanged || (c.StaffId != null && staffIds.Contains(c.StaffId)) || c.Kind == ChangeKind.Correction || c.Kind == ChangeKind.Settings))
            .ToListAsync(cancellationToken);
        var register = Register.Build(log);
        var settingsVersion = PostStateEvents.SettingsVersion(log);

        for (var i = 0; i < batch.Count; i++)
        {
            var change = batch[i];
            var waitsForAssignment = change.Kind is ChangeKind.Leaver or ChangeKind.Absence or ChangeKind.Reinstatement or ChangeKind.Correction
                && (change.StaffId is null || register.Post(change.StaffId) is not { IsUnmatched: false });
            if (statuses[i] == WriteStatus.Applied && waitsForAssignment)
            {
                statuses[i] = WriteStatus.Unmatched;
            }
        }

        var now = clock.GetUtcNow();
        if (settingsChanged)
        {
            db.AddIntegrationEvent(PostStateEvents.SettingsChanged(authority, settingsVersion, register.Settings, now), clock);
            staffIds = log.Select(c => c.StaffId).OfType<string>().Distinct().ToList();
        }

        var versions = PostStateEvents.Versions(log, settingsVersion);
        foreach (var staffId in staffIds)
        {
            db.AddIntegrationEvent(PostStateEvents.Changed(authority, staffId, versions[staffId], register.Post(staffId), register.Settings, now), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
