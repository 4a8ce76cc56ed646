using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Telemetry;
using Supervision.Api.Data;
using Supervision.Api.Domain;

namespace Supervision.Api.Application;

/// <summary>Appends a validated batch of sessions atomically; idempotent per session id (DESIGN.md §3).</summary>
public sealed class SessionRecorder(SupervisionDbContext db, ServiceTelemetry telemetry)
{
    public Task<IReadOnlyList<WriteStatus>> RecordAsync(string authority, IReadOnlyList<SessionRecord> batch, CancellationToken cancellationToken) =>
        telemetry.RecordBatchAsync("supervision sessions", authority,
            batch.Select(s => s.RetractsSessionId is null ? s.Kind.ToString() : "Retraction").ToList(), () => ApplyAsync(authority, batch, cancellationToken));

    private async Task<IReadOnlyList<WriteStatus>> ApplyAsync(string authority, IReadOnlyList<SessionRecord> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ThrowIfOffboardedAsync(authority, cancellationToken);
        var ids = batch.Select(s => s.SessionId).Concat(batch.Select(s => s.RetractsSessionId).OfType<string>()).Distinct().ToList();
        var held = (await db.Sessions.AsNoTracking().Where(s => s.Authority == authority && ids.Contains(s.SessionId)).ToListAsync(cancellationToken))
            .GroupBy(s => s.SessionId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.SourceVersion)!);
        var supervisees = batch.Select(s => s.SuperviseeStaffId).OfType<string>().Distinct().ToList();
        var known = (await db.Staff.AsNoTracking().Where(s => s.Authority == authority && supervisees.Contains(s.StaffId)).Select(s => s.StaffId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var statuses = new WriteStatus[batch.Count];
        var inserted = new List<SessionRecord>();
        for (var i = 0; i < batch.Count; i++)
        {
            var session = batch[i];
            var prior = held.GetValueOrDefault(session.SessionId);
            statuses[i] = IdempotentWrite.Classify($"sessions[{i}]", session.SessionId, session.SourceVersion, prior?.SourceVersion, () => session.SameContentAs(prior!));
            if (statuses[i] == WriteStatus.Duplicate)
            {
                continue;
            }

            // Services are eventually consistent: a session of someone not heard of yet is kept and counts once they arrive.
            var waits = session.RetractsSessionId is { } target ? !held.ContainsKey(target) : !known.Contains(session.SuperviseeStaffId!);
            if (waits && statuses[i] == WriteStatus.Applied)
            {
                statuses[i] = WriteStatus.Unmatched;
            }

            held[session.SessionId] = session;
            inserted.Add(session);
        }

        db.Sessions.AddRange(inserted);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return statuses;
    }
}
