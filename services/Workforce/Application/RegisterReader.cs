using Workforce.Api.Data;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Retention;

namespace Workforce.Api.Application;

/// <summary>A council's change log as last read, the register built from all of it, and its retention horizon.</summary>
public sealed record CachedRegister(CachedLog<StaffChange> Log, Register Current, RetentionHorizon? Horizon);

/// <summary>Builds a council's register from its change log, as known at a time.</summary>
public sealed class RegisterReader(WorkforceDbContext db, CouncilCache<CachedRegister, CouncilLogMark> cache)
{
    public async Task<Register> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        (await LoadWithHorizonAsync(authority, knownAt, cancellationToken)).Register;

    /// <summary>The register and the council's retention horizon, read together.</summary>
    public async Task<(Register Register, RetentionHorizon? Horizon)> LoadWithHorizonAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var entry = await cache.GetAsync(
            authority,
            token => CouncilReadModel.ProbeLogAsync<StaffChange>(db, authority, token),
            async (cached, probed, token) =>
            {
                var log = await AppendOnlyLog.CatchUpAsync(
                    cached?.State.Log, probed.Log, (after, upTo, t) => CouncilReadModel.LogBetweenAsync<StaffChange>(db, authority, after, upTo, t), c => c.Sequence, token);
                var current = ReferenceEquals(log, cached?.State.Log) ? cached.State.Current : Register.Build(log.Rows);
                var horizon = await CouncilReadModel.HorizonAsync(db, authority, cached?.State.Horizon, cached?.Mark.Horizon, probed.Horizon, token);
                return new CouncilEntry<CachedRegister, CouncilLogMark>(new CachedRegister(log, current, horizon), probed with { Log = log.Mark }, log.Rows.Count);
            },
            cancellationToken);
        // The cached log is every row the database held at the watermark, so filtering it by recording time is what
        // reading the rows and filtering them was (recorded-at filtering was always in memory: SQLite cannot compare
        // DateTimeOffset values in SQL).
        return (knownAt is null ? entry.State.Current : Register.Build(entry.State.Log.Rows, knownAt), entry.State.Horizon);
    }
}
