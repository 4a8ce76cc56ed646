using Caseload.Api.Data;
using Caseload.Api.Domain;
using Caseload.Api.Domain.Forecasting;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Retention;

namespace Caseload.Api.Application;

/// <summary>Target progress as frozen: the aggregates only, never a worker's row.</summary>
public sealed record FrozenProgress(Progress Unadjusted, Progress Adjusted, int UnmatchedCases);

/// <summary>
/// Retention in the caseload service: freezes target progress (with and without long-term absence left out) and the
/// forecast history of the whole council and each team at every month end before the horizon, then deletes the
/// allocation rows of expired cases and the rows of workers who left (<see cref="ExpiredCases"/>).
/// </summary>
public sealed class CaseloadRetention(CaseloadDbContext db, CaseloadReader reader, FrozenFigures frozen) : IRetentionPurge
{
    public const string ProgressFigure = "target-progress";
    public const string ProgressExcludingAbsenceFigure = "target-progress-excluding-long-term-absence";
    public const string HistoryFigure = "forecast-history";

    public static string ProgressFigureFor(bool excludeLongTermAbsence) => excludeLongTermAbsence ? ProgressExcludingAbsenceFigure : ProgressFigure;

    public async Task<IReadOnlyList<string>> AuthoritiesAsync(CancellationToken cancellationToken) =>
        await db.AllocationChanges.Select(c => c.Authority).Union(db.Workers.Select(w => w.Authority)).ToListAsync(cancellationToken);

    public async Task<PurgeOutcome> PurgeAsync(string authority, RetentionWindow window, bool dryRun, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(authority, null, cancellationToken);
        var log = await db.AllocationChanges.AsNoTracking().Where(c => c.Authority == authority).ToListAsync(cancellationToken);
        var (rows, leavers) = ExpiredCases.Find(log, snapshot.Workers.Values, window.Cutoff);
        if (rows.Count == 0 && leavers.Count == 0)
        {
            return PurgeOutcome.Nothing;
        }

        var teams = snapshot.Workers.Values.SelectMany(w => w.Periods).Select(p => p.Team).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var firstDay = log.Select(c => c.EffectiveDate).Concat(snapshot.Workers.Values.SelectMany(w => w.Periods).Select(p => p.From)).Min();
        var monthEnds = RetentionDates.MonthEndsToFreeze(firstDay, window.Horizon, window.FrozenBefore);
        var firstCaseMonth = CaseloadHistory.FirstMonth(snapshot.Cases);
        var historyMonths = monthEnds.Where(m => m >= firstCaseMonth).ToList();
        var episodes = await db.AlertEpisodes.Where(e => e.Authority == authority && leavers.Contains(e.StaffId)).CountAsync(cancellationToken);
        var purged = new List<(string, int)> { ("allocation_changes", rows.Count), ("workers", leavers.Count), ("alert_episodes", episodes) };
        if (dryRun)
        {
            return new PurgeOutcome(purged, (teams.Count + 1) * (2 * monthEnds.Count + historyMonths.Count));
        }

        var figures = FrozenFigures.Freeze(authority, ProgressFigure, monthEnds, teams, (day, team) => Progress(snapshot, day, team, false))
            .Concat(FrozenFigures.Freeze(authority, ProgressExcludingAbsenceFigure, monthEnds, teams, (day, team) => Progress(snapshot, day, team, true)))
            .Concat(FrozenFigures.Freeze(authority, HistoryFigure, historyMonths, teams, (day, team) => CaseloadHistory.Month(snapshot.Cases, snapshot.Holdings.Value, snapshot.Workers, day, team)))
            .ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await frozen.RecordAsync(
            authority, window, figures,
            rows.Count == 0 ? null : rows.Max(r => r.RecordedAt),
            leavers.Count == 0 ? null : leavers.Max(id => snapshot.Workers[id].SourceRecordedAt),
            cancellationToken);
        await LogPurge.DeleteAsync<AllocationChange, long>(db, rows.Select(r => r.Sequence).ToList(), batch => c => batch.Contains(c.Sequence), cancellationToken);
        await db.AlertEpisodes.Where(e => e.Authority == authority && leavers.Contains(e.StaffId)).ExecuteDeleteAsync(cancellationToken);
        // Tracked removal, so the worker's periods and absences (owned rows) go with it.
        db.Workers.RemoveRange(await db.Workers.Where(w => w.Authority == authority && leavers.Contains(w.StaffId)).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PurgeOutcome(purged, figures.Count);
    }

    /// <summary>Target progress as <c>GetTargetProgress</c> computes it with the council's own settings.</summary>
    public static FrozenProgress Progress(CaseloadSnapshot snapshot, DateOnly day, string? team, bool excludeLongTermAbsence)
    {
        var settings = snapshot.SettingsOn(day);
        var progress = CaseloadFigures.At(snapshot.Holdings.Value, snapshot.Workers, day,
            new CaseloadOptions(settings.CaseloadTarget, settings.CaseloadThresholds, settings.AsyeCaseloadWeight, excludeLongTermAbsence, team));
        return new FrozenProgress(progress.Unadjusted, progress.Adjusted, progress.UnmatchedCases);
    }
}
