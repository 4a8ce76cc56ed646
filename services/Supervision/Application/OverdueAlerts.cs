using Microsoft.EntityFrameworkCore;
using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Offboarding;

namespace Supervision.Api.Application;

/// <summary>
/// Finds who is overdue today in every council and, in one transaction per council, publishes one
/// <see cref="SupervisionOverdue"/> per new episode through the outbox and clears episodes that ended.
/// Being overdue comes with the passing of time, not with an event, so this runs on a schedule.
/// </summary>
public sealed class OverdueAlerts(SupervisionDbContext db, SupervisionReader reader, TimeProvider clock)
{
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        var authorities = await db.Staff.AsNoTracking().Select(s => s.Authority).Distinct().ToListAsync(cancellationToken);
        foreach (var authority in authorities)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Offboarded since the list was read: its episodes and alerts must not come back.
            if (await db.IsOffboardedAsync(authority, cancellationToken))
            {
                continue;
            }

            var snapshot = await reader.LoadAsync(authority, knownAt: null, cancellationToken);
            var overdue = Regularity.At(snapshot.Staff, snapshot.BySupervisee.Value, today, new SupervisionScope(), snapshot.SettingsOn).Statuses
                .Where(s => !s.InDate(today))
                .ToDictionary(s => s.Staff.StaffId, StringComparer.Ordinal);
            var episodes = await db.OverdueEpisodes.Where(e => e.Authority == authority).ToListAsync(cancellationToken);

            db.OverdueEpisodes.RemoveRange(episodes.Where(e => !overdue.ContainsKey(e.StaffId)));
            foreach (var status in overdue.Values)
            {
                var episode = episodes.FirstOrDefault(e => e.StaffId == status.Staff.StaffId);
                if (episode?.DueDate == status.DueDate)
                {
                    continue;
                }

                // A new episode, or a later due date missed after a session in between that this scan did not see in date.
                if (episode is null)
                {
                    db.OverdueEpisodes.Add(new OverdueEpisode { Authority = authority, StaffId = status.Staff.StaffId, DueDate = status.DueDate });
                }
                else
                {
                    episode.DueDate = status.DueDate;
                }

                db.AddIntegrationEvent(
                    new SupervisionOverdue(authority, status.Staff.StaffId, status.Period.LineManagerStaffId, status.DueDate, today, status.DaysOverdue(today), clock.GetUtcNow()),
                    clock);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
