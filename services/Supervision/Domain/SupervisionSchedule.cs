using Workforce.Contracts;

namespace Supervision.Api.Domain;

/// <summary>
/// When supervision is next due (domain.md §4): the last counting session — or the start in post, or the day after
/// a long-term absence ended, whichever is latest — plus the policy's interval for the stage the worker is in on
/// that day. Newly qualified workers: weekly for their first weeks, fortnightly to six months, then the ASYE-after
/// interval for the rest of the year; everyone else the standard interval unless their role has its own.
/// </summary>
public static class SupervisionSchedule
{
    public static int IntervalDays(SupervisionPolicy policy, SupervisionPeriod period, DateOnly day)
    {
        if (period.AsyeStart is { } asye && day >= asye)
        {
            if (day < asye.AddDays(7 * policy.AsyeWeeklyWeeks))
            {
                return policy.AsyeWeeklyIntervalDays;
            }

            if (day < asye.AddMonths(policy.AsyeFortnightlyUntilMonths))
            {
                return policy.AsyeFortnightlyIntervalDays;
            }

            if (day < asye.AddYears(1))
            {
                return policy.AsyeAfterIntervalDays;
            }
        }

        return policy.RoleIntervalDays.TryGetValue(period.CensusRole, out var days) ? days : policy.StandardIntervalDays;
    }

    public static bool Counts(SessionRecord session, SupervisionPolicy policy) =>
        session.Kind == SessionKind.Individual || (session.Kind == SessionKind.Group && policy.GroupSessionsCount);
}

/// <summary>A supervised person's position on a day: when their supervision is due and what it was based on.</summary>
public sealed record SupervisionStatus(SupervisedStaff Staff, SupervisionPeriod Period, DateOnly Base, DateOnly DueDate, SessionRecord? LastSession)
{
    public int DaysOverdue(DateOnly day) => Math.Max(0, day.DayNumber - DueDate.DayNumber);

    public bool InDate(DateOnly day) => DueDate >= day;
}

public static class SupervisionStatuses
{
    /// <summary>
    /// The status on <paramref name="day"/> of someone who must be supervised then (registered, in post, not on
    /// long-term absence); null for anyone else — staff on long-term absence are not overdue, leavers drop out.
    /// </summary>
    public static SupervisionStatus? On(SupervisedStaff staff, IEnumerable<SessionRecord> theirSessions, DateOnly day, Func<DateOnly, CouncilSettings> settingsOn)
    {
        if (staff.PeriodOn(day) is not { Registered: true } period || staff.OnLongTermAbsenceOn(day))
        {
            return null;
        }

        var start = staff.SpellStart(day);
        var last = theirSessions
            .Where(s => s.Date <= day && s.Date >= start && SupervisionSchedule.Counts(s, settingsOn(s.Date).Supervision))
            .MaxBy(s => s.Date);
        var baseDay = last?.Date ?? start;
        var restart = staff.Absences
            .Where(a => a.LongTermFrom is not null && a.LastDay is { } end && end < day && end >= baseDay)
            .Select(a => a.LastDay!.Value.AddDays(1))
            .DefaultIfEmpty(baseDay)
            .Max();
        baseDay = restart > baseDay ? restart : baseDay;
        var periodThen = staff.PeriodOn(baseDay) ?? period;
        var due = baseDay.AddDays(SupervisionSchedule.IntervalDays(settingsOn(baseDay).Supervision, periodThen, baseDay));
        return new SupervisionStatus(staff, period, baseDay, due, last);
    }
}
