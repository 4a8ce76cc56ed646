using Caseload.Api.Data;
using Caseload.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Settings;

namespace Caseload.Api.Application;

/// <summary>
/// Re-evaluates the alert conditions of some workers as of today (UK) and, in the caller's transaction, opens new
/// episodes with one event each through the outbox and closes episodes whose condition no longer holds.
/// On PostgreSQL the caller's transaction then holds the council's lock until it commits.
/// </summary>
public sealed class CaseloadAlerts(CaseloadDbContext db, TimeProvider clock)
{
    public async Task EvaluateAsync(string authority, IReadOnlyCollection<string> staffIds, CancellationToken cancellationToken)
    {
        if (staffIds.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            // One evaluation per council at a time, across replicas: each sees the cases and episodes committed before
            // it, so concurrent allocations are counted together and an episode is opened (and alerted) once.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({authority}))", cancellationToken);
        }

        var today = UkCalendar.Today(clock);
        // Only cases these workers ever held can be open with them today (corrections may retract any of them).
        var theirCases = await db.AllocationChanges.AsNoTracking()
            .Where(c => c.Authority == authority && c.StaffId != null && staffIds.Contains(c.StaffId))
            .Select(c => c.CaseId!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var log = await db.AllocationChanges.AsNoTracking()
            .Where(c => c.Authority == authority && ((c.CaseId != null && theirCases.Contains(c.CaseId)) || c.Kind == AllocationKind.Correction))
            .ToListAsync(cancellationToken);
        var openByWorker = CaseTimeline.All(log)
            .Select(c => c.On(today)?.StaffId)
            .OfType<string>()
            .GroupBy(s => s, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var workers = await db.Workers.AsNoTracking()
            .Where(w => w.Authority == authority && staffIds.Contains(w.StaffId))
            .ToListAsync(cancellationToken);
        var settingsRecord = await db.Set<CouncilSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.Authority == authority, cancellationToken);
        var settings = settingsRecord?.On(today) ?? CouncilSettings.Default;
        var levels = settings.CaseloadThresholds.Prepend(settings.CaseloadTarget).Distinct().ToList();
        var episodes = await db.AlertEpisodes
            .Where(e => e.Authority == authority && staffIds.Contains(e.StaffId))
            .ToListAsync(cancellationToken);

        foreach (var worker in workers)
        {
            var cases = openByWorker.GetValueOrDefault(worker.StaffId);
            var holding = AlertConditions.For(worker, cases, today, levels);
            var current = episodes.Where(e => e.StaffId == worker.StaffId).ToList();
            db.AlertEpisodes.RemoveRange(current.Where(e => holding.All(h => h.Condition != e.Condition)));
            foreach (var (condition, level) in holding.Where(h => current.All(e => e.Condition != h.Condition)))
            {
                db.AlertEpisodes.Add(new AlertEpisode { Authority = authority, StaffId = worker.StaffId, Condition = condition, Since = today });
                var now = clock.GetUtcNow();
                if (level is { } above)
                {
                    var fte = worker.PeriodOn(today)!.FteMillionths / 1_000_000m;
                    db.AddIntegrationEvent(new CaseloadAboveThreshold(authority, worker.StaffId, today, above, cases, fte, now), clock);
                }
                else
                {
                    db.AddIntegrationEvent(new OpenCasesHeldByLeaver(authority, worker.StaffId, today, cases, now), clock);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
