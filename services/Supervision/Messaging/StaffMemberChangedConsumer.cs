using MassTransit;
using Microsoft.EntityFrameworkCore;
using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Messaging;

namespace Supervision.Api.Messaging;

/// <summary>
/// Keeps the read model of who must be supervised in step with the workforce service. Events of one council that
/// arrive together are applied in one transaction (<see cref="InboxBatcher{T}"/>).
/// </summary>
public sealed class StaffMemberChangedConsumer(
    SupervisionDbContext db, InboxBatcher<StaffMemberChanged> batcher, TimeProvider clock, ILogger<StaffMemberChangedConsumer> logger)
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
        var staff = await db.Staff
            .Where(s => s.Authority == authority && staffIds.Contains(s.StaffId))
            .ToDictionaryAsync(s => s.StaffId, StringComparer.Ordinal, cancellationToken);
        foreach (var message in messages)
        {
            if (!staff.TryGetValue(message.StaffId, out var post))
            {
                post = new SupervisedStaff { Authority = authority, StaffId = message.StaffId };
                db.Staff.Add(post);
                staff[message.StaffId] = post;
            }

            post.Apply(message);
        }
    }
}
