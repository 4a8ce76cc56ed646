using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Data;

namespace Workforce.ServiceDefaults.Retention;

/// <summary>Reads and writes a council's frozen figures and retention horizon.</summary>
public sealed class FrozenFigures(ServiceDbContext db)
{
    /// <summary>Fields too, so value tuples (thresholds with counts) survive the round trip.</summary>
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    public static string ScopeKey(string? team) => team ?? "";

    public static string Serialize<T>(T figure) => JsonSerializer.Serialize(figure, Json);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    public Task<RetentionHorizon?> HorizonAsync(string authority, CancellationToken cancellationToken) => HorizonAsync(db, authority, cancellationToken);

    /// <summary>The council's retention horizon, or null when nothing of it was ever purged.</summary>
    public static Task<RetentionHorizon?> HorizonAsync(DbContext db, string authority, CancellationToken cancellationToken) =>
        db.Set<RetentionHorizon>().AsNoTracking().SingleOrDefaultAsync(h => h.Authority == authority, cancellationToken);

    /// <summary>
    /// The frozen figures of one kind and scope, by month end, for a question about dates before the horizon; refuses a
    /// question the frozen figures cannot answer as it was answered before the purge.
    /// </summary>
    public async Task<IReadOnlyDictionary<DateOnly, T>> BeforeHorizonAsync<T>(
        RetentionHorizon horizon, string figure, string scope, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (knownAt is { } known && known < horizon.PurgedAt)
        {
            throw Refused(horizon, $"they are kept as known at the purge ({horizon.PurgedAt:O}): ask without known_at or with one from then on");
        }

        var rows = await db.Set<FrozenFigure>().AsNoTracking()
            .Where(f => f.Authority == horizon.Authority && f.Figure == figure && f.Scope == scope)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.AsOf, r => Deserialize<T>(r.Json));
    }

    /// <summary>
    /// A figure at each of <paramref name="days"/>: computed by <paramref name="live"/> on and after the council's horizon,
    /// taken from the frozen figures before it. <paramref name="kept"/> says whether figures of this scope are frozen at
    /// all (the whole council and each team, with the council's own settings, are).
    /// </summary>
    public async Task<IReadOnlyList<T>> OnAsync<T>(
        RetentionHorizon? horizon,
        string figure,
        string? team,
        bool kept,
        IReadOnlyList<DateOnly> days,
        DateTimeOffset? knownAt,
        Func<DateOnly, T> live,
        CancellationToken cancellationToken)
    {
        if (horizon is null || days.All(d => d >= horizon.Horizon))
        {
            return days.Select(live).ToList();
        }

        if (!kept)
        {
            throw Refused(horizon, "figures are kept only for the whole council and each team (no role, category or supervisor, and the council's own weights)");
        }

        var frozen = await BeforeHorizonAsync<T>(horizon, figure, ScopeKey(team), knownAt, cancellationToken);
        return days.Select(d => d >= horizon.Horizon ? live(d) : Require(frozen, horizon, d)).ToList();
    }

    /// <summary>Rows freezing <paramref name="compute"/> at each month end, for the whole council and each team.</summary>
    public static IEnumerable<FrozenFigure> Freeze<T>(
        string authority, string figure, IReadOnlyList<DateOnly> monthEnds, IEnumerable<string> teams, Func<DateOnly, string?, T> compute) =>
        from team in teams.Select(t => (string?)t).Prepend(null)
        from day in monthEnds
        select new FrozenFigure { Authority = authority, Figure = figure, Scope = ScopeKey(team), AsOf = day, Json = Serialize(compute(day, team)) };

    /// <summary>The frozen figure for <paramref name="day"/>, or FAILED_PRECONDITION naming the horizon.</summary>
    public static T Require<T>(IReadOnlyDictionary<DateOnly, T> frozen, RetentionHorizon horizon, DateOnly day) =>
        frozen.TryGetValue(day, out var figure)
            ? figure
            : throw Refused(horizon, $"only month ends for the whole council and each team are kept, and {day:yyyy-MM-dd} in this scope is not one of them");

    /// <summary>FAILED_PRECONDITION for a question about a date before the horizon that frozen figures do not answer.</summary>
    public static RpcException Refused(RetentionHorizon horizon, string why) =>
        new(new Status(StatusCode.FailedPrecondition,
            $"Rows before the retention cutoff {horizon.Cutoff:yyyy-MM-dd} were purged, so figures for dates before {horizon.Horizon:yyyy-MM-dd} (the retention horizon) come from the figures frozen then; {why}."));

    /// <summary>The later of a live watermark and a purged row's recording time (when the question's known_at reaches it).</summary>
    public static DateTimeOffset? Watermark(DateTimeOffset? live, DateTimeOffset? purged, DateTimeOffset? knownAt)
    {
        if (purged is not { } floor || (knownAt is { } known && floor > known))
        {
            return live;
        }

        return live is { } value && value > floor ? value : floor;
    }

    /// <summary>
    /// Stores figures and moves the horizon forward, in the caller's transaction. Month ends already frozen are kept:
    /// they were frozen from rows this purge no longer has.
    /// </summary>
    public async Task RecordAsync(
        string authority,
        RetentionWindow window,
        IEnumerable<FrozenFigure> figures,
        DateTimeOffset? logRecordedAt,
        DateTimeOffset? readModelRecordedAt,
        CancellationToken cancellationToken)
    {
        var existing = (await db.Set<FrozenFigure>().AsNoTracking().Where(f => f.Authority == authority)
                .Select(f => new { f.Figure, f.Scope, f.AsOf }).ToListAsync(cancellationToken))
            .Select(f => (f.Figure, f.Scope, f.AsOf))
            .ToHashSet();
        db.Set<FrozenFigure>().AddRange(figures.Where(f => !existing.Contains((f.Figure, f.Scope, f.AsOf))));

        var horizon = await db.Set<RetentionHorizon>().SingleOrDefaultAsync(h => h.Authority == authority, cancellationToken);
        if (horizon is null)
        {
            horizon = new RetentionHorizon { Authority = authority };
            db.Set<RetentionHorizon>().Add(horizon);
        }

        if (window.Horizon >= horizon.Horizon)
        {
            horizon.Horizon = window.Horizon;
            horizon.Cutoff = window.Cutoff;
        }

        horizon.PurgedAt = window.Now;
        horizon.LogRecordedAt = Later(horizon.LogRecordedAt, logRecordedAt);
        horizon.ReadModelRecordedAt = Later(horizon.ReadModelRecordedAt, readModelRecordedAt);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>One purge's dates: its cutoff, the horizon it reaches, the previous horizon (month ends before it are frozen already) and now.</summary>
public sealed record RetentionWindow(DateOnly Cutoff, DateOnly Horizon, DateOnly? FrozenBefore, DateTimeOffset Now)
{
    public static RetentionWindow For(DateOnly cutoff, RetentionHorizon? previous, DateTimeOffset now) =>
        new(cutoff, RetentionDates.Horizon(cutoff), previous?.Horizon, now);
}

/// <summary>Rows purged (or that a dry run would purge) per table, and the figures frozen.</summary>
public sealed record PurgeOutcome(IReadOnlyList<(string Table, int Rows)> Purged, int FiguresFrozen)
{
    public static readonly PurgeOutcome Nothing = new([], 0);
}

/// <summary>A service's purge of one council (<see cref="RetentionPurges"/> runs it on a schedule and on demand).</summary>
public interface IRetentionPurge
{
    /// <summary>The councils the service holds rows for.</summary>
    Task<IReadOnlyList<string>> AuthoritiesAsync(CancellationToken cancellationToken);

    /// <summary>Freezes the figures the expired rows affect and deletes those rows, in one transaction; a dry run only counts.</summary>
    Task<PurgeOutcome> PurgeAsync(string authority, RetentionWindow window, bool dryRun, CancellationToken cancellationToken);
}
