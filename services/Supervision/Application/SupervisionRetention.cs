using Microsoft.EntityFrameworkCore;
using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.ServiceDefaults.Retention;

namespace Supervision.Api.Application;

/// <summary>
/// Retention in the supervision service: freezes regularity and its monthly series point for the whole council and
/// each team at every month end before the horizon, then deletes the sessions and rows of expired supervisees
/// (<see cref="ExpiredSupervisees"/>) and their overdue episodes.
/// </summary>
public sealed class SupervisionRetention(SupervisionDbContext db, SupervisionReader reader, FrozenFigures frozen) : IRetentionPurge
{
    public const string RegularityFigure = "regularity";
    public const string SeriesFigure = "regularity-series";

    public async Task<IReadOnlyList<string>> AuthoritiesAsync(CancellationToken cancellationToken) =>
        await db.Sessions.Select(s => s.Authority).Union(db.Staff.Select(s => s.Authority)).ToListAsync(cancellationToken);

    public async Task<PurgeOutcome> PurgeAsync(string authority, RetentionWindow window, bool dryRun, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(authority, null, cancellationToken);
        var log = await db.Sessions.AsNoTracking().Where(s => s.Authority == authority).ToListAsync(cancellationToken);
        var (staff, sessions) = ExpiredSupervisees.Find(log, snapshot.Staff, window.Cutoff);
        if (staff.Count == 0 && sessions.Count == 0)
        {
            return PurgeOutcome.Nothing;
        }

        var ids = staff.ToList();
        var teams = snapshot.Staff.SelectMany(s => s.Periods).Select(p => p.Team).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var firstDay = log.Select(s => s.Date).Concat(snapshot.Staff.SelectMany(s => s.Periods).Select(p => p.From)).Min();
        var monthEnds = RetentionDates.MonthEndsToFreeze(firstDay, window.Horizon, window.FrozenBefore);
        var episodes = await db.OverdueEpisodes.Where(e => e.Authority == authority && ids.Contains(e.StaffId)).CountAsync(cancellationToken);
        var purged = new List<(string, int)> { ("sessions", sessions.Count), ("supervised_staff", ids.Count), ("overdue_episodes", episodes) };
        if (dryRun)
        {
            return new PurgeOutcome(purged, 2 * monthEnds.Count * (teams.Count + 1));
        }

        var figures = FrozenFigures.Freeze(authority, RegularityFigure, monthEnds, teams, (day, team) => Figures(snapshot, day, new SupervisionScope(team)))
            .Concat(FrozenFigures.Freeze(authority, SeriesFigure, monthEnds, teams,
                (day, team) => RegularitySeriesPoint.At(snapshot.Staff, snapshot.Sessions, day, new SupervisionScope(team), snapshot.SettingsOn)))
            .ToList();
        var byId = snapshot.Staff.ToDictionary(s => s.StaffId, StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await frozen.RecordAsync(
            authority, window, figures,
            sessions.Count == 0 ? null : sessions.Max(s => s.RecordedAt),
            ids.Count == 0 ? null : ids.Max(id => byId[id].SourceRecordedAt),
            cancellationToken);
        await LogPurge.DeleteAsync<SessionRecord, long>(db, sessions.Select(s => s.Sequence).ToList(), batch => s => batch.Contains(s.Sequence), cancellationToken);
        await db.OverdueEpisodes.Where(e => e.Authority == authority && ids.Contains(e.StaffId)).ExecuteDeleteAsync(cancellationToken);
        // Tracked removal, so the periods and absences (owned rows) go with each post.
        db.Staff.RemoveRange(await db.Staff.Where(s => s.Authority == authority && ids.Contains(s.StaffId)).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PurgeOutcome(purged, figures.Count);
    }

    /// <summary>Regularity as <c>GetRegularity</c> answers it, less the per-worker statuses (never frozen).</summary>
    public static RegularityFigures Figures(SupervisionSnapshot snapshot, DateOnly day, SupervisionScope scope) =>
        Regularity.At(snapshot.Staff, snapshot.BySupervisee.Value, day, scope, snapshot.SettingsOn) with { Statuses = [] };
}
