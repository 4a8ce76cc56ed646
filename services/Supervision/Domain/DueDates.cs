using Workforce.Contracts;

namespace Supervision.Api.Domain;

/// <summary>One due date of a person's supervision: when it fell, and whether a counting session came by then.</summary>
public sealed record DueDate(DateOnly Base, DateOnly Due, bool Met);

/// <summary>
/// Every due date a person's history produced: each start in post, counting session and return from long-term
/// absence starts the clock, and its due date is met when the next counting session comes on or before it.
/// Only due dates on which the person had to be supervised (in post, registered, not on long-term absence) count.
/// </summary>
public static class DueDates
{
    public static IReadOnlyList<DueDate> For(SupervisedStaff staff, IEnumerable<SessionRecord> theirSessions, DateOnly until, Func<DateOnly, CouncilSettings> settingsOn)
    {
        var sessions = theirSessions
            .Where(s => s.Date <= until && SupervisionSchedule.Counts(s, settingsOn(s.Date).Supervision))
            .Select(s => s.Date)
            .Distinct()
            .ToHashSet();
        var starts = staff.Periods.Where(p => staff.Periods.All(q => q.To != p.From)).Select(p => p.From);
        var restarts = staff.Absences.Where(a => a.LongTermFrom is not null && a.LastDay is not null).Select(a => a.LastDay!.Value.AddDays(1));
        var bases = sessions.Concat(starts).Concat(restarts).Where(b => b <= until).Distinct().Order().ToList();

        var dueDates = new List<DueDate>();
        for (var i = 0; i < bases.Count; i++)
        {
            var baseDay = bases[i];
            if (staff.PeriodOn(baseDay) is not { Registered: true } period)
            {
                continue;
            }

            var due = baseDay.AddDays(SupervisionSchedule.IntervalDays(settingsOn(baseDay).Supervision, period, baseDay));
            var mustBeSupervised = staff.PeriodOn(due) is { Registered: true } && !staff.OnLongTermAbsenceOn(due);
            if (due > until || !mustBeSupervised)
            {
                continue;
            }

            var next = i + 1 < bases.Count ? bases[i + 1] : (DateOnly?)null;
            dueDates.Add(new DueDate(baseDay, due, next is { } n && n <= due && sessions.Contains(n)));
        }

        return dueDates;
    }
}
