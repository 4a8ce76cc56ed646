using Supervision.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Supervision.Api.Tests.Domain;

/// <summary>The supervision policy of domain.md §4 worked by hand.</summary>
public sealed class SupervisionScheduleTests
{
    private static readonly SupervisionPolicy Default = new();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2025, 10, 12, 7)]
    [InlineData(2025, 10, 13, 14)]
    [InlineData(2026, 2, 28, 14)]
    [InlineData(2026, 3, 1, 28)]
    [InlineData(2026, 9, 1, 28)]
    public void A_newly_qualified_worker_is_due_weekly_for_six_weeks_fortnightly_to_six_months_then_monthly(int year, int month, int day, int expected)
    {
        // ASYE from Monday 1 September 2025: the sixth week ends on Sunday 12 October, six months on 28 February.
        var period = Period(asyeStart: D(2025, 9, 1));

        Assert.Equal(expected, SupervisionSchedule.IntervalDays(Default, period, D(year, month, day)));
    }

    [Fact]
    public void The_first_due_date_runs_from_the_start_in_post_and_then_from_each_counting_session()
    {
        var staff = Staff(Period(from: D(2025, 9, 1), asyeStart: D(2025, 9, 1)));

        var unsupervised = Status(staff, [], D(2025, 9, 5));
        var supervised = Status(staff, [Session(D(2025, 9, 8))], D(2025, 9, 16));

        Assert.Equal(D(2025, 9, 8), unsupervised!.DueDate);
        Assert.Equal((D(2025, 9, 15), 1, false), (supervised!.DueDate, supervised.DaysOverdue(D(2025, 9, 16)), supervised.InDate(D(2025, 9, 16))));
    }

    [Fact]
    public void A_long_term_absence_pauses_the_clock_and_restarts_it_the_day_after_it_ends()
    {
        var staff = Staff(Period());
        staff.Absences.Add(new StaffAbsence { FirstDay = D(2025, 1, 20), LastDay = D(2025, 3, 14), LongTermFrom = D(2025, 1, 20) });
        IReadOnlyList<SessionRecord> sessions = [Session(D(2025, 1, 6))];

        Assert.Null(Status(staff, sessions, D(2025, 2, 10)));
        var back = Status(staff, sessions, D(2025, 3, 20))!;
        Assert.Equal((D(2025, 3, 15), D(2025, 4, 12)), (back.Base, back.DueDate));
    }

    [Fact]
    public void A_manager_is_supervised_at_their_roles_interval()
    {
        var policy = new SupervisionPolicy { RoleIntervalDays = new Dictionary<int, int> { [2] = 42 } };
        var manager = Staff(Period(role: 2, lineManager: "senior-manager"));

        var status = SupervisionStatuses.On(manager, [Session(D(2025, 5, 1))], D(2025, 6, 1), _ => new CouncilSettings { Supervision = policy })!;

        Assert.Equal((D(2025, 6, 12), "senior-manager"), (status.DueDate, status.Period.LineManagerStaffId));
    }

    [Fact]
    public void Group_sessions_do_not_count_unless_the_policy_says_so_and_short_sessions_still_count()
    {
        var staff = Staff(Period());
        IReadOnlyList<SessionRecord> sessions = [Session(D(2025, 1, 6), minutes: 45), Session(D(2025, 2, 1), kind: SessionKind.Group)];

        Assert.Equal(D(2025, 2, 3), Status(staff, sessions, D(2025, 2, 2))!.DueDate);
        var counting = SupervisionStatuses.On(staff, sessions, D(2025, 2, 2), _ => new CouncilSettings { Supervision = new SupervisionPolicy { GroupSessionsCount = true } })!;
        Assert.Equal(D(2025, 3, 1), counting.DueDate);
    }

    [Fact]
    public void Leavers_and_unregistered_staff_are_not_supervised_and_a_policy_change_applies_from_its_date()
    {
        var leaver = Staff(Period(to: D(2025, 7, 1)));
        var unregistered = Staff(Period(registered: false));
        var staff = Staff(Period());
        CouncilSettings SettingsOn(DateOnly day) => day >= D(2025, 6, 1) ? new CouncilSettings { Supervision = new SupervisionPolicy { StandardIntervalDays = 21 } } : new CouncilSettings();

        Assert.Null(Status(leaver, [], D(2025, 7, 1)));
        Assert.Null(Status(unregistered, [], D(2025, 7, 1)));
        Assert.Equal(D(2025, 6, 12), SupervisionStatuses.On(staff, [Session(D(2025, 5, 15))], D(2025, 5, 20), SettingsOn)!.DueDate);
        Assert.Equal(D(2025, 6, 23), SupervisionStatuses.On(staff, [Session(D(2025, 6, 2))], D(2025, 6, 5), SettingsOn)!.DueDate);
    }

    private static SupervisionStatus? Status(SupervisedStaff staff, IReadOnlyList<SessionRecord> sessions, DateOnly day) =>
        SupervisionStatuses.On(staff, sessions, day, _ => CouncilSettings.Default);

    private static SupervisedStaff Staff(SupervisionPeriod period) => new() { Authority = "841", StaffId = "sw-1", Version = 1, Periods = [period] };

    private static SupervisionPeriod Period(DateOnly? from = null, DateOnly? to = null, DateOnly? asyeStart = null, int role = 5, bool registered = true, string? lineManager = "tm-1") => new()
    {
        From = from ?? D(2020, 1, 1),
        To = to,
        Team = "north",
        CensusRole = role,
        Registered = registered,
        AsyeStart = asyeStart,
        LineManagerStaffId = lineManager,
    };

    private static SessionRecord Session(DateOnly date, int minutes = 90, SessionKind kind = SessionKind.Individual) => new()
    {
        Authority = "841",
        SessionId = $"s-{date:yyyyMMdd}-{kind}",
        SuperviseeStaffId = "sw-1",
        SupervisorStaffId = "tm-1",
        Date = date,
        Minutes = minutes,
        Kind = kind,
    };
}
