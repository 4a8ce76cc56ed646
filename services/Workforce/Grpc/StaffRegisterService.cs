using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Workforce.Api.Data;
using Workforce.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Messaging;
using Workforce.V1;

namespace Workforce.Api.Grpc;

[Authorize(Policy = WorkforceRoles.HrWriter)]
public sealed class StaffRegisterService(WorkforceDbContext db, TimeProvider clock) : StaffRegister.StaffRegisterBase
{
    public override async Task<RecordAssignmentReply> RecordAssignment(RecordAssignmentRequest request, ServerCallContext context)
    {
        var record = RecordAssignmentValidator.ToRecord(request, clock.GetUtcNow());
        CallerScope.DemandAuthority(context, record.Authority);
        using var activity = WorkforceTelemetry.Source.StartActivity("record assignment");
        activity?.SetTag("workforce.authority", record.Authority);
        var cancellationToken = context.CancellationToken;

        var existing = await db.Assignments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Authority == record.Authority && a.ChangeId == record.ChangeId, cancellationToken);
        if (existing is not null)
        {
            return existing.SameContentAs(record)
                ? new RecordAssignmentReply { Version = existing.Version, Duplicate = true }
                : ThrowChangeIdReused(record.ChangeId);
        }

        var history = await db.Assignments.AsNoTracking()
            .Where(a => a.Authority == record.Authority && a.StaffId == record.StaffId)
            .ToListAsync(cancellationToken);
        record.Version = history.Count == 0 ? 1 : history.Max(a => a.Version) + 1;
        history.Add(record);

        db.Assignments.Add(record);
        db.AddIntegrationEvent(
            new StaffMemberChanged(record.Authority, record.StaffId, record.Version, record.RecordedAt, AssignmentHistory.Periods(history)),
            clock);
        await db.SaveChangesAsync(cancellationToken);
        return new RecordAssignmentReply { Version = record.Version };
    }

    [DoesNotReturn]
    private static RecordAssignmentReply ThrowChangeIdReused(string changeId) =>
        throw new RpcException(new Status(StatusCode.AlreadyExists, $"Change '{changeId}' was already recorded with different content."));
}
