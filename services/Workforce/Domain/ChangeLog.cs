namespace Workforce.Api.Domain;

/// <summary>Which recorded changes are in force as known at a time.</summary>
public static class ChangeLog
{
    /// <summary>
    /// The changes recorded by <paramref name="knownAt"/> (all when null): for each change id the highest source
    /// version, less the change ids a correction retracts. Corrections themselves are not returned.
    /// </summary>
    public static IReadOnlyList<StaffChange> Effective(IEnumerable<StaffChange> log, DateTimeOffset? knownAt = null)
    {
        var latest = log
            .Where(c => knownAt is null || c.RecordedAt <= knownAt)
            .GroupBy(c => c.ChangeId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(c => (c.SourceVersion, c.Sequence))!)
            .ToList();
        var retracted = latest
            .Where(c => c.Kind == ChangeKind.Correction && c.RetractsChangeId is not null)
            .Select(c => c.RetractsChangeId!)
            .ToHashSet(StringComparer.Ordinal);
        return latest
            .Where(c => c.Kind != ChangeKind.Correction && !retracted.Contains(c.ChangeId))
            .OrderBy(c => c.Sequence)
            .ToList();
    }
}
