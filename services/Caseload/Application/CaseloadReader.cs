using Caseload.Api.Data;
using Caseload.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Caching;
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

    /// <summary>Figures worked out from this snapshot (copies made with <c>with</c> share it: they hold the same rows).</summary>
    public AnswerMemo Memo { get; } = new();

    /// <summary>Cases held per worker and day, built on first use and shared, like <see cref="Memo"/>, by copies.</summary>
    public Lazy<CaseHoldings> Holdings { get; } = new(() => CaseHoldings.Of(Cases));
}

/// <summary>A council's rows as last read and the snapshot built from all of them.</summary>
public sealed record CachedCaseload(CouncilRows<AllocationChange, Worker> Rows, CaseloadSnapshot Current);

public sealed class CaseloadReader(CaseloadDbContext db, CouncilCache<CachedCaseload, ReadModelMark> cache)
{
    public async Task<CaseloadSnapshot> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var entry = await cache.GetAsync(
            authority,
            token => CouncilReadModel.ProbeAsync<AllocationChange, Worker>(db, authority, token),
            async (cached, probed, token) =>
            {
                var rows = await CouncilReadModel.CatchUpAsync(db, authority, cached?.State.Rows, probed, c => c.Sequence, token);
                AllocationChange.ShareStrings(rows.Log.Rows);
                return new CouncilEntry<CachedCaseload, ReadModelMark>(new CachedCaseload(rows, Build(rows, null)), rows.Mark, rows.Log.Rows.Count);
            },
            cancellationToken);
        // The cached rows are what the database held at the watermark; recorded-at filtering was always in memory.
        var snapshot = knownAt is null ? entry.State.Current : Build(entry.State.Rows, knownAt);
        var horizon = entry.State.Rows.Horizon;
        return snapshot with
        {
            AllocationsRecordedAt = FrozenFigures.Watermark(snapshot.AllocationsRecordedAt, horizon?.LogRecordedAt, knownAt),
            WorkforceRecordedAt = FrozenFigures.Watermark(snapshot.WorkforceRecordedAt, horizon?.ReadModelRecordedAt, null),
            Horizon = horizon,
        };
    }

    private static CaseloadSnapshot Build(CouncilRows<AllocationChange, Worker> rows, DateTimeOffset? knownAt)
    {
        var log = rows.Log.Rows.Where(c => knownAt is null || c.RecordedAt <= knownAt).ToList();
        return new CaseloadSnapshot(
            CaseTimeline.All(log),
            rows.Staff.ToDictionary(w => w.StaffId, StringComparer.Ordinal),
            rows.Settings,
            log.Count == 0 ? null : log.Max(c => c.RecordedAt),
            rows.Staff.Count == 0 ? null : rows.Staff.Max(w => w.SourceRecordedAt));
    }
}
