using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Operations;
using Workforce.ServiceDefaults.Retention;
using Workforce.ServiceDefaults.Settings;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// Watermark of a council's rows in a consuming service: its append-only log, its staff read model (rows are replaced
/// with a higher version, so a count and a sum of versions move on every change and every delete), its settings and
/// its retention horizon (every purge stamps it, even one that deleted nothing).
/// </summary>
public readonly record struct ReadModelMark(LogMark Log, long Staff, long StaffVersions, long Settings, string? Horizon);

/// <summary>Watermark of a council's append-only log and its retention horizon.</summary>
public readonly record struct CouncilLogMark(LogMark Log, string? Horizon);

/// <summary>A council's log, staff read model, settings and retention horizon as one cached unit.</summary>
public sealed record CouncilRows<TChange, TStaff>(
    CachedLog<TChange> Log, IReadOnlyList<TStaff> Staff, CouncilSettingsRecord? Settings, RetentionHorizon? Horizon, ReadModelMark Mark);

/// <summary>Reads watermarks of, and catches up, councils' rows; column names are the entities' property names.</summary>
public static class CouncilReadModel
{
    /// <summary>The log's and the retention horizon's watermark in one round trip.</summary>
    public static async Task<CouncilLogMark> ProbeLogAsync<TChange>(DbContext db, string authority, CancellationToken cancellationToken)
        where TChange : class
    {
        var (log, horizons) = (Table<TChange>(db), Table<RetentionHorizon>(db));
        var sql = $$"""
            SELECT
              (SELECT COUNT(*) FROM {{log}} WHERE "Authority" = {0}) AS "Rows",
              (SELECT COALESCE(MAX("Sequence"), 0) FROM {{log}} WHERE "Authority" = {0}) AS "Last",
              (SELECT CAST("PurgedAt" AS text) FROM {{horizons}} WHERE "Authority" = {0}) AS "Horizon"
            """;
        var row = (await db.Database.SqlQueryRaw<LogMarkRow>(sql, authority).ToListAsync(cancellationToken))[0];
        return new CouncilLogMark(new LogMark(row.Rows, row.Last), row.Horizon);
    }

    /// <summary>The council's retention horizon, when its watermark moved (or nothing was cached).</summary>
    public static async Task<RetentionHorizon?> HorizonAsync(DbContext db, string authority, RetentionHorizon? cached, string? cachedMark, string? probed, CancellationToken cancellationToken) =>
        cachedMark == probed && (cached is not null || probed is null)
            ? cached
            : await FrozenFigures.HorizonAsync(db, authority, cancellationToken);

    /// <summary>The log's, staff read model's and settings' watermark in one round trip.</summary>
    public static async Task<ReadModelMark> ProbeAsync<TChange, TStaff>(DbContext db, string authority, CancellationToken cancellationToken)
        where TChange : class
        where TStaff : class, IStaffRow
    {
        var (log, staff, settings, horizons) = (Table<TChange>(db), Table<TStaff>(db), Table<CouncilSettingsRecord>(db), Table<RetentionHorizon>(db));
        var sql = $$"""
            SELECT
              (SELECT COUNT(*) FROM {{log}} WHERE "Authority" = {0}) AS "Rows",
              (SELECT COALESCE(MAX("Sequence"), 0) FROM {{log}} WHERE "Authority" = {0}) AS "Last",
              (SELECT COUNT(*) FROM {{staff}} WHERE "Authority" = {0}) AS "Staff",
              (SELECT CAST(COALESCE(SUM("Version"), 0) AS bigint) FROM {{staff}} WHERE "Authority" = {0}) AS "StaffVersions",
              (SELECT COALESCE(MAX("Version"), 0) FROM {{settings}} WHERE "Authority" = {0}) AS "Settings",
              (SELECT CAST("PurgedAt" AS text) FROM {{horizons}} WHERE "Authority" = {0}) AS "Horizon"
            """;
        var row = (await db.Database.SqlQueryRaw<MarkRow>(sql, authority).ToListAsync(cancellationToken))[0];
        return new ReadModelMark(new LogMark(row.Rows, row.Last), row.Staff, row.StaffVersions, row.Settings, row.Horizon);
    }

    /// <summary>The council's log rows with a sequence in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public static Task<List<TChange>> LogBetweenAsync<TChange>(DbContext db, string authority, long after, long upTo, CancellationToken cancellationToken)
        where TChange : class =>
        db.Set<TChange>().AsNoTracking()
            .Where(c => EF.Property<string>(c, "Authority") == authority
                && EF.Property<long>(c, "Sequence") > after && EF.Property<long>(c, "Sequence") <= upTo)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Brings <paramref name="cached"/> up to <paramref name="probed"/>: the log incrementally when it can, the staff
    /// read model and settings whole when their part of the watermark moved (they are small).
    /// </summary>
    public static async Task<CouncilRows<TChange, TStaff>> CatchUpAsync<TChange, TStaff>(
        DbContext db,
        string authority,
        CouncilRows<TChange, TStaff>? cached,
        ReadModelMark probed,
        Func<TChange, long> sequence,
        CancellationToken cancellationToken)
        where TChange : class
        where TStaff : class, IStaffRow
    {
        var log = await AppendOnlyLog.CatchUpAsync(
            cached?.Log, probed.Log, (after, upTo, token) => LogBetweenAsync<TChange>(db, authority, after, upTo, token), sequence, cancellationToken);
        var staff = cached is not null && (cached.Mark.Staff, cached.Mark.StaffVersions) == (probed.Staff, probed.StaffVersions)
            ? cached.Staff
            : await db.Set<TStaff>().AsNoTracking().Where(s => EF.Property<string>(s, "Authority") == authority).ToListAsync(cancellationToken);
        var settings = cached is not null && cached.Mark.Settings == probed.Settings
            ? cached.Settings
            : await db.Set<CouncilSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Authority == authority, cancellationToken);
        var horizon = await HorizonAsync(db, authority, cached?.Horizon, cached?.Mark.Horizon, probed.Horizon, cancellationToken);
        return new CouncilRows<TChange, TStaff>(log, staff, settings, horizon, probed with { Log = log.Mark });
    }

    private static string Table<T>(DbContext db) =>
        $"\"{db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped")}\"";

    private sealed class LogMarkRow
    {
        public long Rows { get; set; }

        public long Last { get; set; }

        public string? Horizon { get; set; }
    }

    private sealed class MarkRow
    {
        public long Rows { get; set; }

        public long Last { get; set; }

        public long Staff { get; set; }

        public long StaffVersions { get; set; }

        public long Settings { get; set; }

        public string? Horizon { get; set; }
    }
}
