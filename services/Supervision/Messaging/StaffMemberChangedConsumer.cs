using MassTransit;
using Microsoft.EntityFrameworkCore;
using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;

namespace Supervision.Api.Messaging;

/// <summary>Keeps the read model of who must be supervised in step with the workforce service.</summary>
public sealed class StaffMemberChangedConsumer(SupervisionDbContext db, TimeProvider clock, ILogger<StaffMemberChangedConsumer> logger) : IConsumer<StaffMemberChanged>
{
    public Task Consume(ConsumeContext<StaffMemberChanged> context) =>
        db.ConsumeOnceAsync(context, nameof(StaffMemberChangedConsumer), clock, logger, async cancellationToken =>
        {
            var message = context.Message;
            if (message.Problem() is { } problem)
            {
                throw new InvalidEventException(problem);
            }

            var staff = await db.Staff.SingleOrDefaultAsync(
                s => s.Authority == message.Authority && s.StaffId == message.StaffId, cancellationToken);
            if (staff is null)
            {
                staff = new SupervisedStaff { Authority = message.Authority, StaffId = message.StaffId };
                db.Staff.Add(staff);
            }

            staff.Apply(message);
        });
}
