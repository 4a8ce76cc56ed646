using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Supervision.Api.Data;
using Supervision.Api.Domain;

namespace Supervision.Api.Application;

public enum RecordStatus
{
    Applied = 1,
    Duplicate = 2,
    Superseded = 3,
    Unmatched = 4,
}

/// <summary>Appends a validated batch of sessions atomically; idempotent per session id (DESIGN.md §3).</summary>
public sealed class SessionRecorder(SupervisionDbContext db)
{
    public async Task<IReadOnlyList<RecordStatus>> RecordAsync(string authority, IReadOnlyList<SessionRecord> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = batch.Select(s => s.SessionId).Concat(batch.Select(s => s.RetractsSessionId).OfType<string>()).Distinct().ToList();
        var held = (await db.Sessions.AsNoTracking().Where(s => s.Authority == authority && ids.Contains(s.SessionId)).ToListAsync(cancellationToken))
            .GroupBy(s => s.SessionId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.SourceVersion)!);
        var supervisees = batch.Select(s => s.SuperviseeStaffId).OfType<string>().Distinct().ToList();
        var known = (await db.Staff.AsNoTracking().Where(s => s.Authority == authority && supervisees.Contains(s.StaffId)).Select(s => s.StaffId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var statuses = new RecordStatus[batch.Count];
        var inserted = new List<SessionRecord>();
        for (var i = 0; i < batch.Count; i++)
        {
            var session = batch[i];
            if (!held.TryGetValue(session.SessionId, out var prior))
            {
                statuses[i] = RecordStatus.Applied;
            }
            else if (session.SourceVersion > prior.SourceVersion)
            {
                statuses[i] = RecordStatus.Superseded;
            }
            else if (session.SourceVersion < prior.SourceVersion || session.SameContentAs(prior))
            {
                statuses[i] = RecordStatus.Duplicate;
                continue;
            }
            else
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"sessions[{i}]: session '{session.SessionId}' is already recorded at source version {prior.SourceVersion} with different content; send a higher source_version to replace it. Nothing in this batch was recorded."));
            }

            // Services are eventually consistent: a session of someone not heard of yet is kept and counts once they arrive.
            var waits = session.RetractsSessionId is { } target ? !held.ContainsKey(target) : !known.Contains(session.SuperviseeStaffId!);
            if (waits && statuses[i] == RecordStatus.Applied)
            {
                statuses[i] = RecordStatus.Unmatched;
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
