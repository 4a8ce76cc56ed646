using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Caching;
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

    /// <summary>Figures worked out from this snapshot (copies made with <c>with</c> share it: they hold the same rows).</summary>
    public AnswerMemo Memo { get; } = new();

    /// <summary>
    /// The sessions by supervisee, grouped on first use and shared, like <see cref="Memo"/>, by copies: a field
    /// filled lazily would be copied empty into every answer's copy and grouped again each time.
    /// </summary>
    public Lazy<ILookup<string, SessionRecord>> BySupervisee { get; } = new(() => Regularity.BySupervisee(Sessions));
}

/// <summary>A council's rows as last read and the snapshot built from all of them.</summary>
public sealed record CachedSupervision(CouncilRows<SessionRecord, SupervisedStaff> Rows, SupervisionSnapshot Current);

public sealed class SupervisionReader(SupervisionDbContext db, CouncilCache<CachedSupervision, ReadModelMark> cache)
{
    public async Task<SupervisionSnapshot> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var entry = await cache.GetAsync(
            authority,
            token => CouncilReadModel.ProbeAsync<SessionRecord, SupervisedStaff>(db, authority, token),
            async (cached, probed, token) =>
            {
                var rows = await CouncilReadModel.CatchUpAsync(db, authority, cached?.State.Rows, probed, s => s.Sequence, token);
                SessionRecord.ShareStrings(rows.Log.Rows);
                return new CouncilEntry<CachedSupervision, ReadModelMark>(new CachedSupervision(rows, Build(rows, null)), rows.Mark, rows.Log.Rows.Count);
            },
            cancellationToken);
        // The cached rows are what the database held at the watermark; recorded-at filtering was always in memory.
        var snapshot = knownAt is null ? entry.State.Current : Build(entry.State.Rows, knownAt);
        var horizon = entry.State.Rows.Horizon;
        return snapshot with
        {
            SessionsRecordedAt = FrozenFigures.Watermark(snapshot.SessionsRecordedAt, horizon?.LogRecordedAt, knownAt),
            WorkforceRecordedAt = FrozenFigures.Watermark(snapshot.WorkforceRecordedAt, horizon?.ReadModelRecordedAt, null),
            Horizon = horizon,
        };
    }

    private static SupervisionSnapshot Build(CouncilRows<SessionRecord, SupervisedStaff> rows, DateTimeOffset? knownAt)
    {
        var log = rows.Log.Rows.Where(s => knownAt is null || s.RecordedAt <= knownAt).ToList();
        return new SupervisionSnapshot(
            rows.Staff,
            SessionRecord.Effective(log),
            rows.Settings,
            log.Count == 0 ? null : log.Max(s => s.RecordedAt),
            rows.Staff.Count == 0 ? null : rows.Staff.Max(s => s.SourceRecordedAt));
    }
}
