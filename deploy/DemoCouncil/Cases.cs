using CaseCategory = Caseload.V1.CaseCategory;

namespace Workforce.DemoCouncil;

// Case-management records. Id numbers a record within the council's allocation feed; Recorded is the day it was sent.

/// <summary>From a day the case is held by a post (a staff id of the HR feed), or waits unallocated (StaffId null).</summary>
public sealed record AllocationRecord(int Id, DateOnly From, string? StaffId, DateOnly Recorded, CorrectionRecord? RetractedBy = null);

public sealed record ClosureRecord(int Id, DateOnly On, DateOnly Recorded);

/// <summary>
/// One child's case as the case-management system holds it, under an opaque id (case-841-000123): nothing about the
/// child. Its first allocation opens it; a case allocated on d and transferred or closed on t is held on [d, t).
/// </summary>
public sealed class Case(string caseId, CaseCategory category, string team)
{
    private readonly List<AllocationRecord> _allocations = [];

    public string CaseId { get; } = caseId;

    public CaseCategory Category { get; } = category;

    /// <summary>The team that works the case: transfers stay within it.</summary>
    public string Team { get; } = team;

    public IReadOnlyList<AllocationRecord> Allocations => _allocations;

    public ClosureRecord? Closure { get; private set; }

    public bool IsOpenOn(DateOnly day) => Current(day) is not null;

    /// <summary>The staff id holding the case on <paramref name="day"/>; null when it is unallocated or not open.</summary>
    public string? HolderOn(DateOnly day) => Current(day)?.StaffId;

    private AllocationRecord? Current(DateOnly day) =>
        Closure is { } closure && closure.On <= day
            ? null
            : _allocations.Where(a => a.RetractedBy is null && a.From <= day).MaxBy(a => (a.From, a.Id));

    internal void Add(AllocationRecord allocation) => _allocations.Add(allocation);

    internal void Close(ClosureRecord closure) => Closure = closure;
}
