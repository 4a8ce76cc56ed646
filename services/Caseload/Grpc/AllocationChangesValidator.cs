using Caseload.Api.Domain;
using Caseload.V1;
using Workforce.ServiceDefaults.Grpc;
using AllocationChange = Caseload.Api.Domain.AllocationChange;
using CaseCategory = Caseload.Api.Domain.CaseCategory;

namespace Caseload.Api.Grpc;

/// <summary>Checks a batch of allocation changes at the edge; every problem is named by item index and field.</summary>
public static class AllocationChangesValidator
{
    public const int MaxBatchSize = 1000;

    /// <param name="at">Prefix of field paths, e.g. <c>chunks[3].</c> for a chunk of the bulk feed.</param>
    public static List<AllocationChange> ToChanges(RecordAllocationChangesRequest request, DateTimeOffset now, string at = "")
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

        var changes = new List<AllocationChange>();
        for (var i = 0; i < request.Changes.Count && request.Changes.Count <= MaxBatchSize; i++)
        {
            changes.Add(ToChange(request.Authority, request.Changes[i], $"{at}changes[{i}]", now, violations));
        }

        violations.ThrowIfAny();
        return changes;
    }

    private static AllocationChange ToChange(string authority, V1.AllocationChange item, string at, DateTimeOffset now, FieldViolations violations)
    {
        Identifiers.Check(violations, $"{at}.change_id", item.ChangeId, Identifiers.MaxChangeIdLength);
        if (item.SourceVersion < 0)
        {
            violations.Add($"{at}.source_version", "must not be negative");
        }

        DateOnly effective = default;
        if (item.EffectiveDate is null || !Dates.TryToDateOnly(item.EffectiveDate, out effective))
        {
            violations.Add($"{at}.effective_date", "a valid date is required");
        }

        var change = new AllocationChange
        {
            Authority = authority,
            ChangeId = item.ChangeId,
            SourceVersion = item.SourceVersion,
            CaseId = item.CaseId.Length > 0 ? item.CaseId : null,
            EffectiveDate = effective,
            RecordedAt = now,
        };
        // A correction needs no case id, but one it carries is stored, so it obeys the same rules.
        if (item.ChangeCase != V1.AllocationChange.ChangeOneofCase.Correction || item.CaseId.Length > 0)
        {
            Identifiers.CheckPseudonym(violations, $"{at}.case_id", item.CaseId);
        }

        switch (item.ChangeCase)
        {
            case V1.AllocationChange.ChangeOneofCase.Open:
                change.Kind = AllocationKind.Open;
                if (!Enum.IsDefined(item.Open.Category))
                {
                    violations.Add($"{at}.open.category", "is not a known case category");
                }

                change.Category = (CaseCategory)(int)item.Open.Category;
                if (item.Open.StaffId.Length > 0)
                {
                    Identifiers.CheckPseudonym(violations, $"{at}.open.staff_id", item.Open.StaffId);
                    change.StaffId = item.Open.StaffId;
                }

                break;
            case V1.AllocationChange.ChangeOneofCase.Allocate:
                change.Kind = AllocationKind.Allocate;
                if (item.Allocate.StaffId.Length > 0)
                {
                    Identifiers.CheckPseudonym(violations, $"{at}.allocate.staff_id", item.Allocate.StaffId);
                    change.StaffId = item.Allocate.StaffId;
                }

                break;
            case V1.AllocationChange.ChangeOneofCase.Close:
                change.Kind = AllocationKind.Close;
                break;
            case V1.AllocationChange.ChangeOneofCase.Correction:
                change.Kind = AllocationKind.Correction;
                Identifiers.Check(violations, $"{at}.correction.retracts_change_id", item.Correction.RetractsChangeId, Identifiers.MaxChangeIdLength);
                change.RetractsChangeId = item.Correction.RetractsChangeId;
                break;
            default:
                violations.Add(at, "one of open, allocate, close or correction is required");
                break;
        }

        return change;
    }
}
