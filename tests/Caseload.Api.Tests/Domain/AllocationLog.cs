using Caseload.Api.Domain;

namespace Caseload.Api.Tests.Domain;

/// <summary>An authority's allocation log built change by change, recorded in the order added.</summary>
public sealed class AllocationLog
{
    private readonly List<AllocationChange> _changes = [];

    public IReadOnlyList<CaseTimeline> Timelines => CaseTimeline.All(_changes);

    public IReadOnlyList<AllocationChange> Changes => _changes;

    /// <summary>A correction retracting the change added <paramref name="index"/>th (from 1).</summary>
    public void Retract(int index) => _changes.Add(new AllocationChange
    {
        Sequence = _changes.Count + 1,
        Authority = "841",
        ChangeId = $"chg-{_changes.Count + 1}",
        Kind = AllocationKind.Correction,
        RetractsChangeId = $"chg-{index}",
        EffectiveDate = new DateOnly(2020, 1, 1),
        RecordedAt = DateTimeOffset.UnixEpoch.AddMinutes(_changes.Count),
    });

    public void Add(AllocationKind kind, string caseId, DateOnly day, string? staffId, CaseCategory category = CaseCategory.Unspecified) => _changes.Add(new AllocationChange
    {
        Sequence = _changes.Count + 1,
        Authority = "841",
        ChangeId = $"chg-{_changes.Count + 1}",
        Kind = kind,
        CaseId = caseId,
        EffectiveDate = day,
        StaffId = staffId,
        Category = category,
        RecordedAt = DateTimeOffset.UnixEpoch.AddMinutes(_changes.Count),
    });
}
