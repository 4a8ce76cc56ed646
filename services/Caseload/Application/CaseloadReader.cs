using Caseload.Api.Data;
using Caseload.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Settings;

namespace Caseload.Api.Application;

/// <summary>A council's cases, workers and settings as this service knows them, for one answer.</summary>
public sealed record CaseloadSnapshot(
    IReadOnlyList<CaseTimeline> Cases,
    IReadOnlyDictionary<string, Worker> Workers,
    CouncilSettingsRecord? Settings,
    DateTimeOffset? AllocationsRecordedAt,
    DateTimeOffset? WorkforceRecordedAt,
    RetentionHorizon? Horizon = null)
{
    public CouncilSettings SettingsOn(DateOnly day) => Settings?.On(day) ?? CouncilSettings.Default;
}

public sealed class CaseloadReader(CaseloadDbContext db, FrozenFigures frozen)
{
    public async Task<CaseloadSnapshot> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        // Recorded-at filtering happens in memory: SQLite cannot compare DateTimeOffset values in SQL.
        var log = (await db.AllocationChanges.AsNoTracking().Where(c => c.Authority == authority).ToListAsync(cancellationToken))
            .Where(c => knownAt is null || c.RecordedAt <= knownAt)
            .ToList();
        var workers = await db.Workers.AsNoTracking().Where(w => w.Authority == authority).ToListAsync(cancellationToken);
        var settings = await db.Set<CouncilSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Authority == authority, cancellationToken);
        var horizon = await frozen.HorizonAsync(authority, cancellationToken);
        return new CaseloadSnapshot(
            CaseTimeline.All(log),
            workers.ToDictionary(w => w.StaffId, StringComparer.Ordinal),
            settings,
            FrozenFigures.Watermark(log.Count == 0 ? null : log.Max(c => c.RecordedAt), horizon?.LogRecordedAt, knownAt),
            FrozenFigures.Watermark(workers.Count == 0 ? null : workers.Max(w => w.SourceRecordedAt), horizon?.ReadModelRecordedAt, null),
            horizon);
    }
}
