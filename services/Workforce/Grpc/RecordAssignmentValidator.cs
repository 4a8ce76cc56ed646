using Workforce.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;

namespace Workforce.Api.Grpc;

/// <summary>Checks a request at the edge and turns it into a record; every problem is reported, not just the first.</summary>
public static class RecordAssignmentValidator
{
    public static AssignmentRecord ToRecord(RecordAssignmentRequest request, DateTimeOffset now)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        Identifiers.Check(violations, "staff_id", request.StaffId, Identifiers.MaxIdLength);
        Identifiers.Check(violations, "change_id", request.ChangeId, Identifiers.MaxChangeIdLength);
        Identifiers.Check(violations, "team", request.Team, Identifiers.MaxIdLength);

        DateOnly effectiveFrom = default;
        if (request.EffectiveFrom is null)
        {
            violations.Add("effective_from", "is required");
        }
        else if (!Dates.TryToDateOnly(request.EffectiveFrom, out effectiveFrom))
        {
            violations.Add("effective_from", "is not a valid calendar date");
        }

        if (request.CensusRole is < 1 or > 6)
        {
            violations.Add("census_role", "must be a DfE census role code from 1 to 6");
        }

        if (request.Contract is not (V1.ContractType.Employed or V1.ContractType.Agency))
        {
            violations.Add("contract", "must be CONTRACT_TYPE_EMPLOYED or CONTRACT_TYPE_AGENCY");
        }

        var fte = Fte.ToMillionths(request.Fte);
        if (double.IsNaN(request.Fte) || fte <= 0 || fte > Fte.Scale)
        {
            violations.Add("fte", "must be greater than 0 and at most 1");
        }

        violations.ThrowIfAny();
        return new AssignmentRecord
        {
            Authority = request.Authority,
            StaffId = request.StaffId,
            ChangeId = request.ChangeId,
            EffectiveFrom = effectiveFrom,
            Team = request.Team,
            CensusRole = request.CensusRole,
            Contract = request.Contract == V1.ContractType.Agency ? Contracts.ContractType.Agency : Contracts.ContractType.Employed,
            FteMillionths = fte,
            Registered = request.Registered,
            CaseHolding = request.CaseHolding,
            RecordedAt = now,
        };
    }
}
