using Supervision.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Supervision.Api.Tests.Domain;

/// <summary>Due dates held, in the month and year to date, worked by hand (domain.md §4).</summary>
public sealed class DueDatesTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // In post from 1 January 2025; sessions on 20 Jan, 25 Feb (late: due 17 Feb) and 10 Mar; every 28 days.
    // Due dates: 29 Jan (met on 20 Jan), 17 Feb (missed), 25 Mar (met on 10 Mar), 7 Apr (missed: no session).
    private static readonly SupervisedStaff Staff = new()
    {
        Authority = "841",
        StaffId = "sw-1",
        Version = 1,
        Periods = [new SupervisionPeriod { From = D(2025, 1, 1), Team = "north", CensusRole = 5, Registered = true, LineManagerStaffId = "tm-1" }],
    };

    private static readonly SessionRecord[] Sessions = [Session(D(2025, 1, 20)), Session(D(2025, 2, 25)), Session(D(2025, 3, 10)), Session(D(2025, 3, 20), SessionKind.Group)];

    [Fact]
    public void Each_start_or_counting_session_sets_a_due_date_met_only_by_the_next_counting_session_on_or_before_it()
    {
        var dueDates = DueDates.For(Staff, Sessions, D(2025, 4, 30), _ => CouncilSettings.Default);

        Assert.Equal(
            [(D(2025, 1, 29), true), (D(2025, 2, 17), false), (D(2025, 3, 25), true), (D(2025, 4, 7), false)],
            dueDates.Select(d => (d.Due, d.Met)));
    }

    [Fact]
    public void In_month_and_year_to_date_figures_follow_the_reporting_year()
    {
        var february = RegularitySeriesPoint.At([Staff], Sessions, D(2025, 2, 28), new SupervisionScope(), _ => CouncilSettings.Default);
        var april = RegularitySeriesPoint.At([Staff], Sessions, D(2025, 4, 30), new SupervisionScope(), _ => CouncilSettings.Default);

        // February: the only due date (17 Feb) was missed; the year from 1 April 2024 had two, one met.
        Assert.Equal((1, 0, 0m), (february.DueInMonth, february.MetInMonth, february.HeldInMonthPercent!.Value));
        Assert.Equal((D(2024, 4, 1), 2, 1), (february.YearFrom, february.DueYearToDate, february.MetYearToDate));
        // April starts a new reporting year: only 7 April (missed) counts; on 30 April the next is overdue.
        Assert.Equal((D(2025, 4, 1), 1, 0, 0m), (april.YearFrom, april.DueYearToDate, april.MetYearToDate, april.InDatePercent!.Value));
    }

    private static SessionRecord Session(DateOnly date, SessionKind kind = SessionKind.Individual) => new()
    {
        Authority = "841",
        SessionId = $"s-{date:yyyyMMdd}",
        SuperviseeStaffId = "sw-1",
        SupervisorStaffId = "tm-1",
        Date = date,
        Minutes = 90,
        Kind = kind,
    };
}
