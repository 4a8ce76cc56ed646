using Caseload.Api.Application;
using Caseload.Api.Data;
using Caseload.Api.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;

namespace Caseload.Api.Messaging;

/// <summary>Keeps the worker read model in step with the workforce service.</summary>
public sealed class StaffMemberChangedConsumer(CaseloadDbContext db, CaseloadAlerts alerts, TimeProvider clock, ILogger<StaffMemberChangedConsumer> logger) : IConsumer<StaffMemberChanged>
{
    public Task Consume(ConsumeContext<StaffMemberChanged> context) =>
        db.ConsumeOnceAsync(context, nameof(StaffMemberChangedConsumer), clock, logger, async cancellationToken =>
        {
            var message = context.Message;
            if (message.Problem() is { } problem)
            {
                throw new InvalidEventException(problem);
            }

            var worker = await db.Workers.SingleOrDefaultAsync(
                w => w.Authority == message.Authority && w.StaffId == message.StaffId, cancellationToken);
            if (worker is null)
            {
                worker = new Worker { Authority = message.Authority, StaffId = message.StaffId };
                db.Workers.Add(worker);
            }

            if (worker.Apply(message))
            {
                // A leaver, a new FTE or the end of an absence can start or end an alert episode.
                await db.SaveChangesAsync(cancellationToken);
                await alerts.EvaluateAsync(message.Authority, [message.StaffId], cancellationToken);
            }
        });
}
