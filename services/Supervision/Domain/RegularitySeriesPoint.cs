using Workforce.Contracts;

namespace Supervision.Api.Domain;

/// <summary>One month end of a performance series: in date then, and due dates held in the month and year to date.</summary>
public sealed record RegularitySeriesPoint(
    DateOnly AsOf,
    decimal? InDatePercent,
    int DueInMonth,
    int MetInMonth,
    DateOnly YearFrom,
    int DueYearToDate,
    int MetYearToDate)
{
    public decimal? HeldInMonthPercent => DueInMonth == 0 ? null : 100m * MetInMonth / DueInMonth;

    public decimal? HeldYearToDatePercent => DueYearToDate == 0 ? null : 100m * MetYearToDate / DueYearToDate;

    /// <summary>The council's reporting year containing <paramref name="day"/> starts on its setting's month and day (default 1 April).</summary>
    public static DateOnly ReportingYearStart(DateOnly day, CouncilSettings settings)
    {
        var start = new DateOnly(day.Year, settings.ReportingYearStartMonth, settings.ReportingYearStartDay);
        return start <= day ? start : start.AddYears(-1);
    }

    public static RegularitySeriesPoint At(
        IReadOnlyList<SupervisedStaff> staff, IReadOnlyList<SessionRecord> sessions, DateOnly monthEnd, SupervisionScope scope, Func<DateOnly, CouncilSettings> settingsOn)
    {
        var bySupervisee = Regularity.BySupervisee(sessions);
        var yearFrom = ReportingYearStart(monthEnd, settingsOn(monthEnd));
        var monthFrom = new DateOnly(monthEnd.Year, monthEnd.Month, 1);
        var yearToDate = Regularity.HeldByDueDate(staff, bySupervisee, yearFrom, monthEnd, scope, settingsOn);
        var inMonth = yearToDate.Where(d => d.Due >= monthFrom).ToList();
        var statuses = staff
            .Select(s => SupervisionStatuses.On(s, bySupervisee[s.StaffId], monthEnd, settingsOn))
            .OfType<SupervisionStatus>()
            .Where(s => scope.Includes(s.Period))
            .ToList();
        return new RegularitySeriesPoint(
            monthEnd,
            statuses.Count == 0 ? null : 100m * statuses.Count(s => s.InDate(monthEnd)) / statuses.Count,
            inMonth.Count,
            inMonth.Count(d => d.Met),
            yearFrom,
            yearToDate.Count,
            yearToDate.Count(d => d.Met));
    }
}
