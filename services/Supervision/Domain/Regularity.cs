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
    decimal? MedianIntervalDays,
    int LongestGapDays,
    int Sessions,
    int SessionsUnderMinimum,
    int SessionsWithActions,
    int SessionsWithCompleteActions,
    IReadOnlyList<SupervisionStatus> Statuses)
{
    public decimal? InDatePercent => SupervisedStaff == 0 ? null : 100m * InDate / SupervisedStaff;
}

/// <summary>The regularity measures of domain.md §4 on a day, over the year to it.</summary>
public static class Regularity
{
    public static RegularityFigures At(
        IEnumerable<SupervisedStaff> staff,
        IReadOnlyList<SessionRecord> sessions,
        DateOnly day,
        SupervisionScope scope,
        Func<DateOnly, CouncilSettings> settingsOn)
    {
        var yearFrom = day.AddYears(-1).AddDays(1);
        var bySupervisee = sessions.Where(s => s.SuperviseeStaffId is not null)
            .ToLookup(s => s.SuperviseeStaffId!, StringComparer.Ordinal);
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

        var held = statuses.SelectMany(s => bySupervisee[s.Staff.StaffId]).Where(s => s.Date >= yearFrom && s.Date <= day).ToList();
        return new RegularityFigures(
            statuses.Count,
            statuses.Count(s => s.InDate(day)),
            Median(intervals),
            longest,
            held.Count,
            held.Count(s => s.Minutes < settingsOn(s.Date).Supervision.MinimumMinutes),
            held.Count(s => s.Actions.Count > 0),
            held.Count(s => s.Actions.Count > 0 && s.Actions.All(a => a.IsComplete)),
            statuses);
    }

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
