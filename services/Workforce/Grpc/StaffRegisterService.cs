using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Workforce.Api.Application;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Auth;
using Workforce.V1;

namespace Workforce.Api.Grpc;

public sealed class StaffRegisterService(StaffChangeRecorder recorder, RegisterReader reader, TimeProvider clock) : StaffRegister.StaffRegisterBase
{
    [Authorize(Policy = WorkforceRoles.HrWriter)]
    public override async Task<RecordStaffChangesReply> RecordStaffChanges(RecordStaffChangesRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var changes = StaffChangesValidator.ToChanges(request, now);
        CallerScope.DemandAuthority(context, request.Authority);
        using var activity = WorkforceTelemetry.Source.StartActivity("record staff changes");
        activity?.SetTag("workforce.authority", request.Authority);
        activity?.SetTag("workforce.batch_size", changes.Count);

        var statuses = await recorder.RecordAsync(request.Authority, changes, context.CancellationToken);

        var reply = new RecordStaffChangesReply { RecordedAt = Timestamp.FromDateTimeOffset(now) };
        reply.Results.AddRange(changes.Select((c, i) => new ChangeResult { ChangeId = c.ChangeId, Status = (ChangeStatus)(int)statuses[i] }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    public override async Task<StaffMember> GetStaffMember(GetStaffMemberRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request.Authority, "", 0, request.AsOf, request.KnownAt, clock, staffId: request.StaffId);
        CallerScope.DemandAuthority(context, query.Authority);
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var post = register.Post(request.StaffId) is { IsUnmatched: false } found
            ? found
            : throw new RpcException(new Status(StatusCode.NotFound, $"No post '{request.StaffId}' in authority '{request.Authority}' as known then."));
        return Replies.StaffMember(post, query.AsOf, register.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    public override async Task<AgencyRateReply> GetAgencyRate(FigureRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        return Replies.AgencyRate(WorkforceFigures.AgencyRateOn(register, query.AsOf, query.Scope), query.AsOf, register.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    public override async Task<WorkforceStabilityReply> GetWorkforceStability(FigureRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        return Replies.Stability(WorkforceFigures.StabilityForYearTo(register, query.AsOf, query.Scope), register.Watermark);
    }
}
