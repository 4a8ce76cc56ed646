using Caseload.Api.Application;
using Caseload.Api.Data;
using Caseload.Api.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;

namespace Caseload.Api.Messaging;

/// <summary>
/// Keeps the worker read model in step with the workforce service. Events of one council that arrive together are
/// applied in one transaction (<see cref="InboxBatcher{T}"/>), with one alert evaluation for the workers they changed.
/// </summary>
public sealed class StaffMemberChangedConsumer(
    CaseloadDbContext db, CaseloadAlerts alerts, InboxBatcher<StaffMemberChanged> batcher, TimeProvider clock, ILogger<StaffMemberChangedConsumer> logger)
    : IConsumer<StaffMemberChanged>
{
    public Task Consume(ConsumeContext<StaffMemberChanged> context)
    {
        if (context.Message.Problem() is { } problem)
        {
            throw new InvalidEventException(problem);
        }

        return batcher.ConsumeAsync(db, context, nameof(StaffMemberChangedConsumer), clock, logger, ApplyAsync);
    }

    private async Task ApplyAsync(IReadOnlyList<StaffMemberChanged> messages, CancellationToken cancellationToken)
    {
        var authority = messages[0].Authority;
        var staffIds = messages.Select(m => m.StaffId).Distinct().ToList();
        var workers = await db.Workers
            .Where(w => w.Authority == authority && staffIds.Contains(w.StaffId))
            .ToDictionaryAsync(w => w.StaffId, StringComparer.Ordinal, cancellationToken);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (!workers.TryGetValue(message.StaffId, out var worker))
            {
                worker = new Worker { Authority = authority, StaffId = message.StaffId };
                db.Workers.Add(worker);
                workers[message.StaffId] = worker;
            }

            if (worker.Apply(message))
            {
                changed.Add(message.StaffId);
            }
        }

        if (changed.Count > 0)
        {
            // A leaver, a new FTE or the end of an absence can start or end an alert episode.
            await db.SaveChangesAsync(cancellationToken);
            await alerts.EvaluateAsync(authority, changed, cancellationToken);
        }
    }
}
