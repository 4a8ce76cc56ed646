using Workforce.Contracts;

namespace Supervision.Api.Domain;

/// <summary>Who is looked at: a team and/or a supervisor's staff, on the day.</summary>
public sealed record SupervisionScope(string? Team = null, string? SupervisorStaffId = null)
{
    public bool Includes(SupervisionPeriod period) =>
        (Team is null || period.Team == Team) && (SupervisorStaffId is null || period.LineManagerStaffId == SupervisorStaffId);
}

public sealed record RegularityFigures(
    int SupervisedStaff,
    int InDate,
    int DueDatesInYear,
    int DueDatesMet,
    decimal? MedianIntervalDays,
    int LongestGapDays,
    int Sessions,
    int SessionsUnderMinimum,
    int SessionsWithActions,
    int SessionsWithCompleteActions,
    IReadOnlyList<SupervisionStatus> Statuses)
{
    public decimal? InDatePercent => SupervisedStaff == 0 ? null : 100m * InDate / SupervisedStaff;

    /// <summary>Of the due dates in the year to the day, the share met by a counting session on or before them.</summary>
    public decimal? HeldByDueDatePercent => DueDatesInYear == 0 ? null : 100m * DueDatesMet / DueDatesInYear;
}

/// <summary>The regularity measures of domain.md §4 on a day, over the year to it.</summary>
public static class Regularity
{
    /// <summary>Sessions by the supervisee they were held with (sessions without one are left out).</summary>
    public static ILookup<string, SessionRecord> BySupervisee(IEnumerable<SessionRecord> sessions) =>
        sessions.Where(s => s.SuperviseeStaffId is not null).ToLookup(s => s.SuperviseeStaffId!, StringComparer.Ordinal);

    public static RegularityFigures At(
        IEnumerable<SupervisedStaff> staff,
        IReadOnlyList<SessionRecord> sessions,
        DateOnly day,
        SupervisionScope scope,
        Func<DateOnly, CouncilSettings> settingsOn) =>
        At(staff, BySupervisee(sessions), day, scope, settingsOn);

    /// <summary>As <see cref="At(IEnumerable{SupervisedStaff}, IReadOnlyList{SessionRecord}, DateOnly, SupervisionScope, Func{DateOnly, CouncilSettings})"/>, with the sessions already grouped by supervisee.</summary>
    public static RegularityFigures At(
        IEnumerable<SupervisedStaff> staff,
        ILookup<string, SessionRecord> bySupervisee,
        DateOnly day,
        SupervisionScope scope,
        Func<DateOnly, CouncilSettings> settingsOn)
    {
        var yearFrom = day.AddYears(-1).AddDays(1);
        var statuses = staff
            .Select(s => SupervisionStatuses.On(s, bySupervisee[s.StaffId], day, settingsOn))
            .OfType<SupervisionStatus>()
            .Where(s => scope.Includes(s.Period))
            .ToList();

        var intervals = new List<int>();
        var longest = 0;
        foreach (var status in statuses)
        {
            var counting = bySupervisee[status.Staff.StaffId]
                .Where(s => s.Date <= day && SupervisionSchedule.Counts(s, settingsOn(s.Date).Supervision))
                .Select(s => s.Date)
                .Distinct()
                .Order()
                .ToList();
            var gaps = counting.Zip(counting.Skip(1)).Where(p => p.Second >= yearFrom).Select(p => p.Second.DayNumber - p.First.DayNumber).ToList();
            intervals.AddRange(gaps);
            var open = day.DayNumber - (counting.Count > 0 ? counting[^1] : status.Base).DayNumber;
            longest = Math.Max(longest, gaps.Append(open).Max());
        }

        var dueDates = HeldByDueDate(staff, bySupervisee, yearFrom, day, scope, settingsOn);
        var held = statuses.SelectMany(s => bySupervisee[s.Staff.StaffId]).Where(s => s.Date >= yearFrom && s.Date <= day).ToList();
        return new RegularityFigures(
            statuses.Count,
            statuses.Count(s => s.InDate(day)),
            dueDates.Count,
            dueDates.Count(d => d.Met),
            Median(intervals),
            longest,
            held.Count,
            held.Count(s => s.Minutes < settingsOn(s.Date).Supervision.MinimumMinutes),
            held.Count(s => s.Actions.Count > 0),
            held.Count(s => s.Actions.Count > 0 && s.Actions.All(a => a.IsComplete)),
            statuses);
    }

    /// <summary>The due dates falling in [from, to] of everyone in scope on them (leavers included until they left).</summary>
    public static IReadOnlyList<DueDate> HeldByDueDate(
        IEnumerable<SupervisedStaff> staff,
        ILookup<string, SessionRecord> bySupervisee,
        DateOnly from,
        DateOnly to,
        SupervisionScope scope,
        Func<DateOnly, CouncilSettings> settingsOn) =>
        staff.SelectMany(s => DueDates.For(s, bySupervisee[s.StaffId], to, settingsOn)
                .Where(d => d.Due >= from && s.PeriodOn(d.Due) is { } period && scope.Includes(period)))
            .ToList();

    private static decimal? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2m;
    }
}
