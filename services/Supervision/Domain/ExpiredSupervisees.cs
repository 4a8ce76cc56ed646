using Workforce.ServiceDefaults.Retention;

namespace Supervision.Api.Domain;

/// <summary>
/// What retention removes from the supervision service: staff whose employment ended before the cutoff, with every
/// session they were supervised in (all dated before it; retractions go with what they retract). Sessions they led
/// as a supervisor stay with the supervisee's history.
/// </summary>
public static class ExpiredSupervisees
{
    public static (IReadOnlySet<string> Staff, IReadOnlyList<SessionRecord> Sessions) Find(
        IReadOnlyList<SessionRecord> log, IEnumerable<SupervisedStaff> staff, DateOnly cutoff)
    {
        var sessionsBySupervisee = Regularity.BySupervisee(log);
        var candidates = staff
            .Where(s => s.Periods.Count > 0 && s.Periods.All(p => RetentionDates.EndedBefore(p.To, cutoff))
                && sessionsBySupervisee[s.StaffId].All(session => session.Date < cutoff))
            .Select(s => s.StaffId);
        return ExpiredRows.Select(log, candidates, s => s.SuperviseeStaffId, s => s.SessionId, s => s.RetractsSessionId);
    }
}
