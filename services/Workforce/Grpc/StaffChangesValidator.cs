using Workforce.Api.Domain;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;
using Absence = Workforce.V1.Absence;
using AbsenceReason = Workforce.Api.Domain.AbsenceReason;
using CoverReason = Workforce.Api.Domain.CoverReason;
using StaffChange = Workforce.Api.Domain.StaffChange;

namespace Workforce.Api.Grpc;

/// <summary>
/// Checks a batch at the edge and turns it into change-log rows. Every problem in the batch is reported, each
/// named by item index and field (<c>changes[3].assignment.fte</c>), so an HR engineer can fix a feed in one pass.
/// </summary>
public static class StaffChangesValidator
{
    public const int MaxBatchSize = 1000;

    /// <param name="at">Prefix of field paths, e.g. <c>chunks[3].</c> for a chunk of the bulk feed.</param>
    public static List<StaffChange> ToChanges(RecordStaffChangesRequest request, DateTimeOffset now, string at = "")
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, $"{at}authority", request.Authority, Identifiers.MaxAuthorityLength);
        if (request.Changes.Count == 0)
        {
            violations.Add($"{at}changes", "at least one change is required");
        }
        else if (request.Changes.Count > MaxBatchSize)
        {
            violations.Add($"{at}changes", $"at most {MaxBatchSize} changes per batch; send more in further batches or use the stream");
        }

        var changes = new List<StaffChange>(request.Changes.Count);
        if (request.Changes.Count <= MaxBatchSize)
        {
            for (var i = 0; i < request.Changes.Count; i++)
            {
                changes.Add(ToChange(request.Authority, request.Changes[i], $"{at}changes[{i}]", now, violations));
            }
        }

        violations.ThrowIfAny();
        return changes;
    }

    private static StaffChange ToChange(string authority, V1.StaffChange item, string at, DateTimeOffset now, FieldViolations violations)
    {
        Identifiers.Check(violations, $"{at}.change_id", item.ChangeId, Identifiers.MaxChangeIdLength);
        if (item.SourceVersion < 0)
        {
            violations.Add($"{at}.source_version", "must not be negative");
        }

        if (item.PersonId.Length > 0)
        {
            Identifiers.Check(violations, $"{at}.person_id", item.PersonId, Identifiers.MaxIdLength);
        }

        var effective = RequiredDate(item.EffectiveDate, $"{at}.effective_date", violations);
        var change = new StaffChange
        {
            Authority = authority,
            ChangeId = item.ChangeId,
            SourceVersion = item.SourceVersion,
            StaffId = item.StaffId.Length > 0 ? item.StaffId : null,
            PersonId = item.PersonId.Length > 0 ? item.PersonId : null,
            EffectiveDate = effective,
            RecordedAt = now,
        };

        // Establishment concerns a team and a correction a change id; every other change concerns a post.
        if (item.ChangeCase is not (V1.StaffChange.ChangeOneofCase.Establishment or V1.StaffChange.ChangeOneofCase.Correction))
        {
            Identifiers.CheckPseudonym(violations, $"{at}.staff_id", item.StaffId);
        }

        switch (item.ChangeCase)
        {
            case V1.StaffChange.ChangeOneofCase.Assignment:
                Assignment(change, item.Assignment, $"{at}.assignment", violations);
                break;
            case V1.StaffChange.ChangeOneofCase.Leaver:
                change.Kind = ChangeKind.Leaver;
                change.LeavingReason = item.Leaver.Reason.Length > 0 ? item.Leaver.Reason : null;
                if (item.Leaver.Reason.Length > 64)
                {
                    violations.Add($"{at}.leaver.reason", "must be at most 64 characters");
                }

                break;
            case V1.StaffChange.ChangeOneofCase.Reinstatement:
                change.Kind = ChangeKind.Reinstatement;
                break;
            case V1.StaffChange.ChangeOneofCase.Absence:
                Absence(change, item.Absence, $"{at}.absence", violations);
                break;
            case V1.StaffChange.ChangeOneofCase.Establishment:
                change.Kind = ChangeKind.Establishment;
                Identifiers.Check(violations, $"{at}.establishment.team", item.Establishment.Team, Identifiers.MaxIdLength);
                change.Team = item.Establishment.Team;
                change.FundedFteMillionths = Fte.ToMillionths(item.Establishment.FundedFte);
                if (double.IsNaN(item.Establishment.FundedFte) || item.Establishment.FundedFte is < 0 or > 100_000)
                {
                    violations.Add($"{at}.establishment.funded_fte", "must be from 0 to 100000");
                }

                if (item.StaffId.Length > 0)
                {
                    violations.Add($"{at}.staff_id", "must be empty for an establishment change (it concerns a team)");
                }

                break;
            case V1.StaffChange.ChangeOneofCase.Correction:
                change.Kind = ChangeKind.Correction;
                Identifiers.Check(violations, $"{at}.correction.retracts_change_id", item.Correction.RetractsChangeId, Identifiers.MaxChangeIdLength);
                change.RetractsChangeId = item.Correction.RetractsChangeId;
                if (item.Correction.RetractsChangeId == item.ChangeId)
                {
                    violations.Add($"{at}.correction.retracts_change_id", "a correction cannot retract itself");
                }

                break;
            default:
                violations.Add(at, "one of assignment, leaver, reinstatement, absence, establishment or correction is required");
                break;
        }

        return change;
    }

    internal static void Assignment(StaffChange change, V1.Assignment assignment, string at, FieldViolations violations)
    {
        change.Kind = ChangeKind.Assignment;
        Identifiers.Check(violations, $"{at}.team", assignment.Team, Identifiers.MaxIdLength);
        if (assignment.CensusRole is < 1 or > 6)
        {
            violations.Add($"{at}.census_role", "must be a DfE census role code from 1 to 6");
        }

        if (IdentifierRules.SweNumberProblem(assignment.SweNumber) is { } sweProblem)
        {
            violations.Add($"{at}.swe_number", sweProblem);
        }

        if (assignment.Contract is not (V1.ContractType.Employed or V1.ContractType.Agency))
        {
            violations.Add($"{at}.contract", "must be CONTRACT_TYPE_EMPLOYED or CONTRACT_TYPE_AGENCY");
        }
        else if (assignment.Contract == V1.ContractType.Employed && assignment.CoverReason != V1.CoverReason.Unspecified)
        {
            violations.Add($"{at}.cover_reason", "applies to agency workers only");
        }

        if (!Enum.IsDefined(assignment.CoverReason))
        {
            violations.Add($"{at}.cover_reason", "is not a known cover reason");
        }

        var fte = Fte.ToMillionths(assignment.Fte);
        if (double.IsNaN(assignment.Fte) || fte <= 0 || fte > Fte.Scale)
        {
            violations.Add($"{at}.fte", "must be greater than 0 and at most 1");
        }

        if (assignment.LineManagerStaffId.Length > 0)
        {
            Identifiers.CheckPseudonym(violations, $"{at}.line_manager_staff_id", assignment.LineManagerStaffId);
        }

        change.Team = assignment.Team;
        change.CensusRole = assignment.CensusRole;
        change.Registered = assignment.Registered;
        change.SweNumber = assignment.SweNumber.Length > 0 ? assignment.SweNumber : null;
        change.Contract = assignment.Contract == V1.ContractType.Agency ? Contracts.ContractType.Agency : Contracts.ContractType.Employed;
        change.CoverReason = (CoverReason)(int)assignment.CoverReason;
        change.FteMillionths = fte;
        change.CaseHolding = assignment.CaseHolding;
        change.LineManagerStaffId = assignment.LineManagerStaffId.Length > 0 ? assignment.LineManagerStaffId : null;
        change.AsyeStart = OptionalDate(assignment.AsyeStart, $"{at}.asye_start", violations);
    }

    private static void Absence(StaffChange change, Absence absence, string at, FieldViolations violations)
    {
        change.Kind = ChangeKind.Absence;
        change.AbsenceLastDay = OptionalDate(absence.LastDay, $"{at}.last_day", violations);
        if (change.AbsenceLastDay is { } lastDay && lastDay < change.EffectiveDate)
        {
            violations.Add($"{at}.last_day", "must not be before the first day (effective_date)");
        }

        if (absence.Reason == V1.AbsenceReason.Unspecified || !Enum.IsDefined(absence.Reason))
        {
            violations.Add($"{at}.reason", "must be one of the census absence reasons (MAT, SIC, OTH, PUB, TRN, UNA, UNP)");
        }

        if (double.IsNaN(absence.WorkingDaysLost) || absence.WorkingDaysLost is < 0 or > 366)
        {
            violations.Add($"{at}.working_days_lost", "must be from 0 to 366");
        }

        change.AbsenceReason = (AbsenceReason)(int)absence.Reason;
        change.WorkingDaysLostHundredths = (long)Math.Round(absence.WorkingDaysLost * 100, MidpointRounding.AwayFromZero);
    }

    private static DateOnly RequiredDate(Google.Type.Date? date, string field, FieldViolations violations)
    {
        if (date is null)
        {
            violations.Add(field, "is required");
            return default;
        }

        return OptionalDate(date, field, violations) ?? default;
    }

    private static DateOnly? OptionalDate(Google.Type.Date? date, string field, FieldViolations violations)
    {
        if (date is null)
        {
            return null;
        }

        if (!Dates.TryToDateOnly(date, out var value))
        {
            violations.Add(field, "is not a valid calendar date");
            return null;
        }

        return value;
    }

}
