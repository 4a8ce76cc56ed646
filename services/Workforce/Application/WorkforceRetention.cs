using Microsoft.EntityFrameworkCore;
using Workforce.Api.Data;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Retention;

namespace Workforce.Api.Application;

/// <summary>
/// Retention in the staff register: freezes the agency rate and stability of the whole council and each team at every
/// month end before the horizon, then deletes the change-log rows of expired posts (<see cref="ExpiredPosts"/>).
/// </summary>
public sealed class WorkforceRetention(WorkforceDbContext db, FrozenFigures frozen) : IRetentionPurge
{
    public const string AgencyRateFigure = "agency-rate";
    public const string StabilityFigure = "stability";

    public async Task<IReadOnlyList<string>> AuthoritiesAsync(CancellationToken cancellationToken) =>
        await db.StaffChanges.Select(c => c.Authority).Distinct().ToListAsync(cancellationToken);

    public async Task<PurgeOutcome> PurgeAsync(string authority, RetentionWindow window, bool dryRun, CancellationToken cancellationToken)
    {
        var log = await db.StaffChanges.AsNoTracking().Where(c => c.Authority == authority).ToListAsync(cancellationToken);
        var (_, rows) = ExpiredPosts.Find(log, window.Cutoff);
        if (rows.Count == 0)
        {
            return PurgeOutcome.Nothing;
        }

        var register = Register.Build(log);
        var teams = register.Posts.SelectMany(p => p.Periods).Select(p => p.State.Team)
            .Concat(register.EstablishedTeams).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var monthEnds = RetentionDates.MonthEndsToFreeze(log.Min(c => c.EffectiveDate), window.Horizon, window.FrozenBefore);
        var purged = new List<(string, int)> { ("staff_changes", rows.Count) };
        var figureCount = 2 * monthEnds.Count * (teams.Count + 1);
        if (dryRun)
        {
            return new PurgeOutcome(purged, figureCount);
        }

        var figures = FrozenFigures.Freeze(authority, AgencyRateFigure, monthEnds, teams, (day, team) => WorkforceFigures.AgencyRateOn(register, day, new Scope(team)))
            .Concat(FrozenFigures.Freeze(authority, StabilityFigure, monthEnds, teams, (day, team) => WorkforceFigures.StabilityForYearTo(register, day, new Scope(team))))
            .ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await frozen.RecordAsync(authority, window, figures, rows.Max(c => c.RecordedAt), null, cancellationToken);
        var sequences = rows.Select(c => c.Sequence).ToList();
        await LogPurge.DeleteAsync<StaffChange, long>(db, sequences, batch => c => batch.Contains(c.Sequence), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PurgeOutcome(purged, figures.Count);
    }
}
