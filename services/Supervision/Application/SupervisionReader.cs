using Microsoft.EntityFrameworkCore;
using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Settings;

namespace Supervision.Api.Application;

/// <summary>A council's staff, sessions and settings as this service knows them, for one answer.</summary>
public sealed record SupervisionSnapshot(
    IReadOnlyList<SupervisedStaff> Staff,
    IReadOnlyList<SessionRecord> Sessions,
    CouncilSettingsRecord? Settings,
    DateTimeOffset? SessionsRecordedAt,
    DateTimeOffset? WorkforceRecordedAt,
    RetentionHorizon? Horizon = null)
{
    public CouncilSettings SettingsOn(DateOnly day) => Settings?.On(day) ?? CouncilSettings.Default;
}

public sealed class SupervisionReader(SupervisionDbContext db, FrozenFigures frozen)
{
    public async Task<SupervisionSnapshot> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        // Recorded-at filtering happens in memory: SQLite cannot compare DateTimeOffset values in SQL.
        var log = (await db.Sessions.AsNoTracking().Where(s => s.Authority == authority).ToListAsync(cancellationToken))
            .Where(s => knownAt is null || s.RecordedAt <= knownAt)
            .ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => s.Authority == authority).ToListAsync(cancellationToken);
        var settings = await db.Set<CouncilSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Authority == authority, cancellationToken);
        var horizon = await frozen.HorizonAsync(authority, cancellationToken);
        return new SupervisionSnapshot(
            staff,
            SessionRecord.Effective(log),
            settings,
            FrozenFigures.Watermark(log.Count == 0 ? null : log.Max(s => s.RecordedAt), horizon?.LogRecordedAt, knownAt),
            FrozenFigures.Watermark(staff.Count == 0 ? null : staff.Max(s => s.SourceRecordedAt), horizon?.ReadModelRecordedAt, null),
            horizon);
    }
}
