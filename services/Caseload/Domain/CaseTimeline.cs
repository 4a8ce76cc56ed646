namespace Caseload.Api.Domain;

/// <summary>A stretch [From, To) over which a case is open, held by one worker (or unallocated when StaffId is null).</summary>
public sealed record CasePeriod(DateOnly From, DateOnly? To, string? StaffId, CaseCategory Category)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day < To);
}

/// <summary>
/// One case's history folded from its allocation changes: a case allocated on d and transferred or closed on t is
/// held on [d, t); on t it belongs to the new worker, or is closed. An allocation implies the case is open.
/// </summary>
public sealed class CaseTimeline
{
    private CaseTimeline(string caseId, IReadOnlyList<CasePeriod> periods)
    {
        CaseId = caseId;
        Periods = periods;
    }

    public string CaseId { get; }

    public IReadOnlyList<CasePeriod> Periods { get; }

    public CasePeriod? On(DateOnly day) => Periods.FirstOrDefault(p => p.Covers(day));

    public static CaseTimeline Build(string caseId, IEnumerable<AllocationChange> changes)
    {
        var periods = new List<CasePeriod>();
        var open = false;
        string? staffId = null;
        var category = CaseCategory.Unspecified;
        var from = default(DateOnly);

        // Of several changes on one day the later recorded decides how the day ends.
        foreach (var change in changes.Where(c => c.Kind != AllocationKind.Correction).OrderBy(c => c.EffectiveDate).ThenBy(c => c.Sequence))
        {
            if (open && from < change.EffectiveDate)
            {
                periods.Add(new CasePeriod(from, change.EffectiveDate, staffId, category));
            }

            switch (change.Kind)
            {
                case AllocationKind.Open:
                    open = true;
                    staffId = change.StaffId;
                    category = change.Category == CaseCategory.Unspecified ? category : change.Category;
                    break;
                case AllocationKind.Allocate:
                    open = true;
                    staffId = change.StaffId;
                    break;
                case AllocationKind.Close:
                    open = false;
                    staffId = null;
                    break;
            }

            from = change.EffectiveDate;
        }

        if (open)
        {
            periods.Add(new CasePeriod(from, null, staffId, category));
        }

        return new CaseTimeline(caseId, periods);
    }

    /// <summary>Every case's timeline from the allocation log as known at <paramref name="knownAt"/> (all when null).</summary>
    public static IReadOnlyList<CaseTimeline> All(IEnumerable<AllocationChange> log, DateTimeOffset? knownAt = null)
    {
        var latest = log
            .Where(c => knownAt is null || c.RecordedAt <= knownAt)
            .GroupBy(c => c.ChangeId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(c => (c.SourceVersion, c.Sequence))!)
            .ToList();
        var retracted = latest.Where(c => c.Kind == AllocationKind.Correction).Select(c => c.RetractsChangeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return latest
            .Where(c => c.Kind != AllocationKind.Correction && !retracted.Contains(c.ChangeId) && c.CaseId is not null)
            .GroupBy(c => c.CaseId!, StringComparer.Ordinal)
            .Select(g => Build(g.Key, g))
            .ToList();
    }
}
