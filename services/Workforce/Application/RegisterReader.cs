using Workforce.Api.Data;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Caching;

namespace Workforce.Api.Application;

/// <summary>A council's change log as last read and the register built from all of it.</summary>
public sealed record CachedRegister(CachedLog<StaffChange> Log, Register Current);

/// <summary>Builds a council's register from its change log, as known at a time.</summary>
public sealed class RegisterReader(WorkforceDbContext db, CouncilCache<CachedRegister, LogMark> cache)
{
    public async Task<Register> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var entry = await cache.GetAsync(
            authority,
            token => CouncilReadModel.ProbeLogAsync<StaffChange>(db, authority, token),
            async (cached, probed, token) =>
            {
                var log = await AppendOnlyLog.CatchUpAsync(
                    cached?.State.Log, probed, (after, upTo, t) => CouncilReadModel.LogBetweenAsync<StaffChange>(db, authority, after, upTo, t), c => c.Sequence, token);
                var current = ReferenceEquals(log, cached?.State.Log) ? cached.State.Current : Register.Build(log.Rows);
                return new CouncilEntry<CachedRegister, LogMark>(new CachedRegister(log, current), log.Mark, log.Rows.Count);
            },
            cancellationToken);
        // The cached log is every row the database held at the watermark, so filtering it by recording time is what
        // reading the rows and filtering them was (recorded-at filtering was always in memory: SQLite cannot compare
        // DateTimeOffset values in SQL).
        return knownAt is null ? entry.State.Current : Register.Build(entry.State.Log.Rows, knownAt);
    }
}
