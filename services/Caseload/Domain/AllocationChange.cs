using Workforce.ServiceDefaults.Caching;

namespace Caseload.Api.Domain;

public enum AllocationKind
{
    Open = 1,
    Allocate = 2,
    Close = 3,
    Correction = 4,
}

public enum CaseCategory
{
    Unspecified = 0,
    ChildInNeed = 1,
    ChildProtection = 2,
    LookedAfter = 3,
    CareLeaver = 4,
}

/// <summary>
/// One row of the append-only allocation log, as a case-management system sent it. Case ids are opaque pseudonyms;
/// nothing about the child is stored. Corrections and higher source versions are new rows, never updates.
/// </summary>
public sealed class AllocationChange
{
    public long Sequence { get; set; }

    public required string Authority { get; set; }

    public required string ChangeId { get; set; }

    public long SourceVersion { get; set; }

    public AllocationKind Kind { get; set; }

    /// <summary>Null only for a correction.</summary>
    public string? CaseId { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public CaseCategory Category { get; set; }

    /// <summary>The worker the case is allocated to (a workforce staff id); null for an unallocated open.</summary>
    public string? StaffId { get; set; }

    public string? RetractsChangeId { get; set; }

    public bool SameContentAs(AllocationChange other) =>
        Authority == other.Authority && ChangeId == other.ChangeId && SourceVersion == other.SourceVersion && Kind == other.Kind
        && CaseId == other.CaseId && EffectiveDate == other.EffectiveDate && Category == other.Category
        && StaffId == other.StaffId && RetractsChangeId == other.RetractsChangeId;

    /// <summary>Makes equal strings of cached changes one instance each (a case's and a worker's ids repeat on their changes).</summary>
    public static void ShareStrings(IEnumerable<AllocationChange> changes)
    {
        var strings = new SharedStrings();
        foreach (var change in changes)
        {
            change.Authority = strings.Share(change.Authority);
            change.CaseId = strings.Share(change.CaseId);
            change.StaffId = strings.Share(change.StaffId);
        }
    }
}
