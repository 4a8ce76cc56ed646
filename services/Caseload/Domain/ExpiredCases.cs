using Workforce.ServiceDefaults.Retention;

namespace Caseload.Api.Domain;

/// <summary>
/// What retention removes from the caseload service: every allocation row of a case closed before the cutoff with
/// nothing on or after it (corrections go with what they retract), and the read-model rows of workers whose
/// employment ended before the cutoff and whom no remaining allocation row names. Open cases are never touched.
/// </summary>
public static class ExpiredCases
{
    public static (IReadOnlyList<AllocationChange> Rows, IReadOnlyList<string> Workers) Find(
        IReadOnlyList<AllocationChange> log, IEnumerable<Worker> workers, DateOnly cutoff)
    {
        var rowsByCase = log.Where(c => c.CaseId is not null).ToLookup(c => c.CaseId!, StringComparer.Ordinal);
        var closed = CaseTimeline.All(log)
            .Where(c => c.Periods.Count > 0 && c.Periods[^1].To is { } closedOn && closedOn < cutoff
                && rowsByCase[c.CaseId].All(r => r.EffectiveDate < cutoff))
            .Select(c => c.CaseId);
        var (_, rows) = ExpiredRows.Select(log, closed, c => c.CaseId, c => c.ChangeId, c => c.RetractsChangeId);

        var purged = rows.Select(r => r.Sequence).ToHashSet();
        var named = log.Where(r => r.StaffId is not null && !purged.Contains(r.Sequence)).Select(r => r.StaffId!).ToHashSet(StringComparer.Ordinal);
        var leavers = workers
            .Where(w => w.Periods.Count > 0 && w.Periods.All(p => RetentionDates.EndedBefore(p.To, cutoff)) && !named.Contains(w.StaffId))
            .Select(w => w.StaffId)
            .ToList();
        return (rows, leavers);
    }
}
