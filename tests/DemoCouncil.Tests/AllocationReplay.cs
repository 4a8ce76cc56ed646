using Caseload.V1;
using Kind = Caseload.V1.AllocationChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>
/// The allocation feed folded from the messages alone, as the caseload service does: retracted change ids dropped;
/// per case the changes by effective date, in sending order within a day. A case allocated on d and transferred or
/// closed on t is held on [d, t).
/// </summary>
internal sealed class AllocationReplay
{
    public AllocationReplay(IEnumerable<AllocationChange> feed)
    {
        var changes = feed.ToList();
        var retracted = changes.Where(c => c.ChangeCase == Kind.Correction).Select(c => c.Correction.RetractsChangeId).ToHashSet();
        Cases = [.. changes.Where(c => c.ChangeCase != Kind.Correction && !retracted.Contains(c.ChangeId))
            .GroupBy(c => c.CaseId)
            .Select(g => new CaseHistory(g.Key, g))];
    }

    public IReadOnlyList<CaseHistory> Cases { get; }

    /// <summary>Cases held on a day, by staff id.</summary>
    public Dictionary<string, int> HeldOn(DateOnly day) =>
        Cases.Select(c => c.On(day)?.StaffId).OfType<string>().GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>A stretch [From, To) over which a case is open, held by one worker (or unallocated when StaffId is null).</summary>
internal sealed record CasePeriod(DateOnly From, DateOnly? To, string? StaffId)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day < To);

    public bool Overlaps(DateOnly first, DateOnly last) => From <= last && (To is null || To > first);
}

internal sealed class CaseHistory
{
    public CaseHistory(string caseId, IEnumerable<AllocationChange> changes)
    {
        CaseId = caseId;
        var periods = new List<CasePeriod>();
        var open = false;
        string? staffId = null;
        var from = default(DateOnly);
        foreach (var change in changes.OrderBy(c => Replay.Day(c.EffectiveDate)))
        {
            var day = Replay.Day(change.EffectiveDate);
            if (open && from < day)
            {
                periods.Add(new CasePeriod(from, day, staffId));
            }

            (open, staffId) = change.ChangeCase switch
            {
                Kind.Open => (true, change.Open.StaffId),
                Kind.Allocate => (true, change.Allocate.StaffId),
                _ => (false, ""),
            };
            staffId = staffId.Length > 0 ? staffId : null;
            Category = change.ChangeCase == Kind.Open ? change.Open.Category : Category;
            from = day;
            Closed = change.ChangeCase == Kind.Close ? day : Closed;
        }

        if (open)
        {
            periods.Add(new CasePeriod(from, null, staffId));
        }

        Periods = periods;
    }

    public string CaseId { get; }

    public CaseCategory Category { get; }

    public IReadOnlyList<CasePeriod> Periods { get; }

    public DateOnly? Closed { get; }

    public DateOnly Opened => Periods[0].From;

    public CasePeriod? On(DateOnly day) => Periods.FirstOrDefault(p => p.Covers(day));

    /// <summary>Distinct workers the case had over [first, last], both included.</summary>
    public int WorkersOver(DateOnly first, DateOnly last) =>
        Periods.Where(p => p.Overlaps(first, last)).Select(p => p.StaffId).OfType<string>().Distinct().Count();
}
