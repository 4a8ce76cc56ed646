using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Telemetry;

namespace Workforce.ServiceDefaults.Offboarding;

/// <summary>Offboards a council from this service, and lifts that for a re-onboarding; the token must name the council.</summary>
public sealed class CouncilsService(CouncilOffboarding offboarding, ServiceTelemetry telemetry) : Councils.CouncilsBase
{
    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.Writes)]
    public override async Task<OffboardCouncilReply> OffboardCouncil(OffboardCouncilRequest request, ServerCallContext context)
    {
        Validate(request.Authority, request.ConfirmAuthority);
        var result = await offboarding.OffboardAsync(request.Authority, request.DryRun, context.CancellationToken);
        return new OffboardCouncilReply
        {
            Service = telemetry.ServiceName,
            DryRun = request.DryRun,
            Stores = { result.Stores.Select(s => new CouncilStore { Kind = s.Kind, Name = s.Name, Count = s.Count }) },
            OffboardedAt = result.OffboardedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
    }

    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.Writes)]
    public override async Task<LiftOffboardingReply> LiftOffboarding(LiftOffboardingRequest request, ServerCallContext context)
    {
        Validate(request.Authority, request.ConfirmAuthority);
        return new LiftOffboardingReply
        {
            Service = telemetry.ServiceName,
            Lifted = await offboarding.LiftAsync(request.Authority, context.CancellationToken),
        };
    }

    private static void Validate(string authority, string confirmation)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", authority, Identifiers.MaxAuthorityLength);
        if (confirmation != authority)
        {
            violations.Add("confirm_authority", "must repeat the authority exactly.");
        }

        violations.ThrowIfAny();
    }
}
