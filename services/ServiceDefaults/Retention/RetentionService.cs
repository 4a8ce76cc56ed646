using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;

namespace Workforce.ServiceDefaults.Retention;

/// <summary><c>operations.v1.Retention</c>: a council's purge on demand, or a dry run of it.</summary>
public sealed class RetentionService(RetentionPurges purges) : global::Operations.V1.Retention.RetentionBase
{
    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.Writes)]
    public override async Task<PurgeExpiredReply> PurgeExpired(PurgeExpiredRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, request.Authority);
        if (purges.Years is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"{RetentionOptions.Section}:Years is not set: this deployment keeps everything, so nothing expires."));
        }

        var report = await purges.PurgeAsync(request.Authority, request.DryRun, context.CancellationToken);
        var reply = new PurgeExpiredReply
        {
            Cutoff = Dates.ToProto(report.Cutoff),
            Horizon = report.Horizon is { } horizon ? Dates.ToProto(horizon) : null,
            DryRun = report.DryRun,
            FiguresFrozen = report.Outcome.FiguresFrozen,
        };
        reply.Purged.AddRange(report.Outcome.Purged.Where(t => t.Rows > 0).Select(t => new PurgedTable { Table = t.Table, Rows = t.Rows }));
        return reply;
    }
}
