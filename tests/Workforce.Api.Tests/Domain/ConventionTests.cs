using Workforce.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Workforce.Api.Tests.Domain;

/// <summary>The conventions of domain.md §1a, each with a hand-worked example.</summary>
public sealed class ConventionTests
{
    private static readonly DateOnly Sept30_2025 = new(2025, 9, 30);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static Stability YearTo(Register register, DateOnly day) => WorkforceFigures.StabilityForYearTo(register, day, Scope.Council);

    [Fact]
    public void A_leaver_is_in_post_on_the_last_day_worked_and_not_the_day_after()
    {
        var register = new ChangeLogBuilder().Assign("p1", D(2020, 1, 1)).Leave("p1", D(2025, 3, 14)).Register();

        Assert.Single(register.InPost(D(2025, 3, 14)));
        Assert.Empty(register.InPost(D(2025, 3, 15)));
    }

    [Fact]
    public void A_last_day_of_30_September_is_in_post_then_and_a_leaver_of_the_next_year()
    {
        var register = new ChangeLogBuilder().Assign("p1", D(2020, 1, 1), fte: 0.8).Leave("p1", Sept30_2025).Register();

        var year2025 = YearTo(register, Sept30_2025);
        var year2026 = YearTo(register, D(2026, 9, 30));

        Assert.Equal((0.8m, 0m), (year2025.EmployedFte, year2025.LeaversFte));
        Assert.Equal((0m, 0.8m), (year2026.EmployedFte, year2026.LeaversFte));
    }

    [Fact]
    public void The_year_of_leavers_runs_from_a_last_day_of_30_September_a_year_earlier_to_29_September()
    {
        var register = new ChangeLogBuilder()
            .Assign("first", D(2020, 1, 1), fte: 0.5).Leave("first", D(2024, 9, 30))
            .Assign("before", D(2020, 1, 1), fte: 0.25).Leave("before", D(2024, 9, 29))
            .Assign("last", D(2020, 1, 1), fte: 1.0).Leave("last", D(2025, 9, 29))
            .Assign("stays", D(2020, 1, 1), fte: 1.0)
            .Register();

        var year = YearTo(register, Sept30_2025);

        Assert.Equal(D(2024, 10, 1), year.YearFrom);
        Assert.Equal(1.5m, year.LeaversFte);
        Assert.Equal(2, year.LeaversHeadcount);
        Assert.Equal(150m, year.TurnoverRatePercent);
    }

    [Fact]
    public void A_move_to_another_team_is_not_a_leaver()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1), team: "north")
            .Assign("p1", D(2025, 5, 1), team: "south")
            .Register();

        var year = YearTo(register, Sept30_2025);

        Assert.Equal((0m, 1m), (year.LeaversFte, year.EmployedFte));
        Assert.Equal("south", Assert.Single(register.InPost(Sept30_2025)).State.Team);
    }

    [Fact]
    public void A_move_to_another_post_of_the_same_person_starting_the_next_day_is_not_a_leaver()
    {
        var register = new ChangeLogBuilder()
            .Assign("old", D(2020, 1, 1), person: "person-1").Leave("old", D(2025, 4, 30))
            .Assign("new", D(2025, 5, 1), person: "person-1", role: 4)
            .Assign("other-old", D(2020, 1, 1), person: "person-2").Leave("other-old", D(2025, 4, 30))
            .Assign("other-new", D(2025, 5, 2), person: "person-2")
            .Register();

        var year = YearTo(register, Sept30_2025);

        // person-2's new post began two days later: a leaver and a starter; person-1 moved: neither.
        Assert.Equal(1m, year.LeaversFte);
        Assert.Equal(1, year.LeaversHeadcount);
        Assert.Equal(1m, year.StartersFte);
    }

    [Fact]
    public void A_new_post_started_for_a_handover_up_to_28_days_before_the_old_post_ends_is_a_move()
    {
        var register = new ChangeLogBuilder()
            .Assign("old", D(2020, 1, 1), person: "person-1").Leave("old", D(2025, 4, 30))
            .Assign("new", D(2025, 4, 3), person: "person-1")
            .Assign("old-2", D(2020, 1, 1), person: "person-2").Leave("old-2", D(2025, 4, 30))
            .Assign("new-2", D(2025, 4, 2), person: "person-2")
            .Register();

        var year = YearTo(register, Sept30_2025);

        // person-2's second post began 29 days before the last day: two concurrent posts, one given up.
        Assert.Equal((1m, 1m), (year.LeaversFte, year.StartersFte));
    }

    [Fact]
    public void Giving_up_one_of_two_long_held_posts_is_a_leaver()
    {
        var register = new ChangeLogBuilder()
            .Assign("a", D(2019, 1, 1), fte: 0.5, person: "person-1")
            .Assign("b", D(2021, 1, 1), fte: 0.5, person: "person-1").Leave("b", D(2025, 6, 30))
            .Register();

        Assert.Equal(0.5m, YearTo(register, Sept30_2025).LeaversFte);
    }

    [Fact]
    public void A_move_into_a_post_that_is_not_registered_social_work_is_a_leaver()
    {
        var register = new ChangeLogBuilder()
            .Assign("social-work", D(2020, 1, 1), person: "person-1").Leave("social-work", D(2025, 4, 30))
            .Assign("admin", D(2025, 5, 1), person: "person-1", registered: false)
            .Register();

        Assert.Equal(1m, YearTo(register, Sept30_2025).LeaversFte);
    }

    [Fact]
    public void A_move_from_direct_employment_to_agency_work_is_a_leaver_at_the_fte_of_the_last_day()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1), fte: 1.0)
            .Assign("p1", D(2025, 1, 1), fte: 0.6)
            .Assign("p1", D(2025, 6, 1), fte: 1.0, contract: ContractType.Agency)
            .Register();

        var year = YearTo(register, Sept30_2025);

        Assert.Equal(0.6m, year.LeaversFte);
        Assert.Equal(1m, year.StartersFte);
        Assert.Equal((1m, 0m), (year.Agency.AgencyFte, year.Agency.EmployedFte));
        Assert.Equal(D(2025, 5, 31), Assert.Single(register.Post("p1")!.Exits).LastDay);
    }

    [Fact]
    public void A_move_to_an_agency_post_of_the_same_person_is_still_a_leaver_from_direct_employment()
    {
        var register = new ChangeLogBuilder()
            .Assign("employed", D(2020, 1, 1), person: "person-1").Leave("employed", D(2025, 5, 31))
            .Assign("agency", D(2025, 6, 1), person: "person-1", contract: ContractType.Agency)
            .Register();

        Assert.Equal(1m, YearTo(register, Sept30_2025).LeaversFte);
    }

    [Fact]
    public void A_reinstated_leaver_is_not_a_leaver_and_stays_in_post()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1)).Leave("p1", D(2025, 3, 31)).Reinstate("p1", D(2025, 3, 31))
            .Register();

        var year = YearTo(register, Sept30_2025);

        Assert.Equal((0m, 1m), (year.LeaversFte, year.EmployedFte));
    }

    [Fact]
    public void A_reinstatement_cancels_only_the_latest_leaver_on_or_before_it()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2018, 1, 1)).Leave("p1", D(2019, 6, 30))
            .Assign("p1", D(2021, 1, 1)).Leave("p1", D(2025, 3, 31)).Reinstate("p1", D(2025, 4, 1))
            .Register();

        Assert.Empty(register.InPost(D(2020, 6, 1)));
        Assert.Single(register.InPost(Sept30_2025));
    }

    [Fact]
    public void A_retracted_change_no_longer_counts_but_is_still_seen_as_known_before_the_retraction()
    {
        var builder = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1))
            .Leave("p1", D(2025, 2, 28), changeId: "leaver-1");
        var beforeCorrection = ChangeLogBuilder.Start.AddMinutes(10);
        builder.RecordedAt(ChangeLogBuilder.Start.AddMinutes(20)).Retract("leaver-1");

        Assert.Equal(0m, YearTo(builder.Register(), Sept30_2025).LeaversFte);
        Assert.Equal(1m, YearTo(builder.Register(knownAt: beforeCorrection), Sept30_2025).LeaversFte);
    }

    [Fact]
    public void A_higher_source_version_of_a_change_replaces_its_content()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1), fte: 1.0, changeId: "start", sourceVersion: 1)
            .Assign("p1", D(2020, 1, 1), fte: 0.4, changeId: "start", sourceVersion: 2)
            .Assign("p2", D(2020, 1, 1), fte: 0.7, changeId: "other", sourceVersion: 3)
            .Assign("p2", D(2020, 1, 1), fte: 0.1, changeId: "other", sourceVersion: 2)
            .Register();

        Assert.Equal(1.1m, WorkforceFigures.AgencyRateOn(register, Sept30_2025, Scope.Council).EmployedFte);
    }

    [Fact]
    public void A_person_with_two_posts_counts_in_fte_twice_and_in_headcount_once_under_the_more_senior_post()
    {
        var register = new ChangeLogBuilder()
            .Assign("senior", D(2020, 1, 1), fte: 0.5, role: 3, person: "person-1", contract: ContractType.Agency)
            .Assign("practitioner", D(2020, 1, 1), fte: 0.5, role: 5, person: "person-1")
            .Assign("p3", D(2020, 1, 1), fte: 1.0)
            .Register();

        var rate = WorkforceFigures.AgencyRateOn(register, Sept30_2025, Scope.Council);

        Assert.Equal((0.5m, 1.5m), (rate.AgencyFte, rate.EmployedFte));
        Assert.Equal((1, 1), (rate.AgencyHeadcount, rate.EmployedHeadcount));
        Assert.Equal(25m, rate.RateByFtePercent);
        Assert.Equal(50m, rate.RateByHeadcountPercent);
    }

    [Fact]
    public void A_worker_who_is_not_registered_counts_in_no_measure()
    {
        var register = new ChangeLogBuilder()
            .Assign("assistant", D(2020, 1, 1), registered: false).Leave("assistant", D(2025, 1, 31))
            .Assign("unregistered-agency", D(2020, 1, 1), registered: false, contract: ContractType.Agency)
            .Assign("p1", D(2020, 1, 1))
            .Register();

        var year = YearTo(register, Sept30_2025);

        Assert.Equal((1m, 0m, 0m), (year.EmployedFte, year.Agency.AgencyFte, year.LeaversFte));
    }

    [Fact]
    public void Vacancy_is_floored_at_zero_per_team_so_one_team_over_establishment_does_not_hide_another_teams_gap()
    {
        var register = new ChangeLogBuilder()
            .Establish("north", D(2024, 1, 1), 2.0)
            .Establish("south", D(2024, 1, 1), 4.0)
            .Establish("south", D(2025, 9, 1), 3.0)
            .Assign("n1", D(2020, 1, 1), team: "north").Assign("n2", D(2020, 1, 1), team: "north").Assign("n3", D(2020, 1, 1), team: "north")
            .Assign("s1", D(2020, 1, 1), team: "south")
            .Assign("s-agency", D(2020, 1, 1), team: "south", contract: ContractType.Agency)
            .Register();

        var year = YearTo(register, Sept30_2025);

        // north: 2 funded - 3 employed = -1 -> 0; south: 3 funded - 1 employed = 2 (agency cover is still a vacancy).
        Assert.Equal(2m, year.VacancyFte);
        Assert.Equal(100m * 2 / (2 + 4), year.VacancyRatePercent);
    }

    [Fact]
    public void There_is_no_vacancy_figure_for_a_role_because_establishment_is_funded_per_team()
    {
        var register = new ChangeLogBuilder().Establish("north", D(2024, 1, 1), 5.0).Assign("p1", D(2020, 1, 1), team: "north").Register();

        var byRole = WorkforceFigures.StabilityForYearTo(register, Sept30_2025, new Scope(CensusRole: 5));

        Assert.Null(byRole.VacancyFte);
        Assert.Null(byRole.VacancyRatePercent);
        Assert.Equal(4m, YearTo(register, Sept30_2025).VacancyFte);
    }

    [Fact]
    public void A_leaver_recorded_late_overrides_a_planned_change_after_its_last_day_but_not_a_later_rehire()
    {
        var planned = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1), fte: 1.0)
            .Assign("p1", D(2025, 8, 1), fte: 0.8)
            .Leave("p1", D(2025, 6, 30))
            .Register();
        var rehired = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1), fte: 1.0)
            .Leave("p1", D(2025, 6, 30))
            .Assign("p1", D(2025, 8, 1), fte: 0.8)
            .Register();

        var plannedYear = YearTo(planned, Sept30_2025);
        var rehiredYear = YearTo(rehired, Sept30_2025);

        Assert.Equal((1m, 0m, 0m), (plannedYear.LeaversFte, plannedYear.EmployedFte, plannedYear.StartersFte));
        Assert.Equal((1m, 0.8m, 0.8m), (rehiredYear.LeaversFte, rehiredYear.EmployedFte, rehiredYear.StartersFte));
    }

    [Fact]
    public void A_future_dated_starter_is_not_in_post_before_the_start_date()
    {
        var register = new ChangeLogBuilder().Assign("p1", D(2025, 11, 3)).Register();

        Assert.Empty(register.InPost(Sept30_2025));
        Assert.Single(register.InPost(D(2025, 11, 3)));
        Assert.Equal(1m, YearTo(register, D(2026, 9, 30)).StartersFte);
    }

    [Fact]
    public void A_backdated_leaver_restates_the_past_but_not_the_past_as_it_was_known()
    {
        var builder = new ChangeLogBuilder().Assign("p1", D(2020, 1, 1)).Assign("p2", D(2020, 1, 1));
        var monthEnd = new DateTimeOffset(2025, 8, 31, 23, 0, 0, TimeSpan.Zero);
        builder.RecordedAt(monthEnd.AddDays(10)).Leave("p1", D(2025, 7, 31));

        Assert.Equal(1m, YearTo(builder.Register(), D(2025, 8, 31)).LeaversFte);
        Assert.Equal(0m, YearTo(builder.Register(knownAt: monthEnd), D(2025, 8, 31)).LeaversFte);
    }

    [Fact]
    public void Of_two_assignments_effective_on_one_day_the_one_recorded_later_holds()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2025, 4, 1), fte: 1.0)
            .Assign("p1", D(2025, 4, 1), fte: 0.5, contract: ContractType.Agency)
            .Register();

        var post = register.Post("p1")!;
        Assert.Equal(ContractType.Agency, Assert.Single(post.Periods).State.Contract);
        Assert.Empty(post.Exits);
    }

    [Fact]
    public void A_leaver_recorded_before_its_post_is_unmatched_until_the_assignment_arrives()
    {
        var builder = new ChangeLogBuilder().Leave("p1", D(2025, 2, 28));
        Assert.True(builder.Register().Post("p1")!.IsUnmatched);

        builder.Assign("p1", D(2021, 1, 1), fte: 0.9);

        Assert.Equal(0.9m, YearTo(builder.Register(), Sept30_2025).LeaversFte);
    }

    [Fact]
    public void Agency_cover_rate_is_the_share_of_agency_fte_covering_vacancies()
    {
        var register = new ChangeLogBuilder()
            .Assign("a1", D(2025, 1, 1), contract: ContractType.Agency, cover: CoverReason.Vacancy)
            .Assign("a2", D(2025, 1, 1), fte: 0.5, contract: ContractType.Agency, cover: CoverReason.AbsenceCover)
            .Assign("e1", D(2020, 1, 1)).Assign("e2", D(2020, 1, 1)).Assign("e3", D(2020, 1, 1), fte: 0.5)
            .Register();

        var rate = WorkforceFigures.AgencyRateOn(register, Sept30_2025, Scope.Council);

        Assert.Equal(100m * 1.5m / 4.0m, rate.RateByFtePercent);
        Assert.Equal(100m * 1.0m / 1.5m, rate.CoverRatePercent);
        Assert.Equal(0.5m, rate.AgencyFteByCoverReason[CoverReason.AbsenceCover]);
    }

    [Fact]
    public void Absence_rate_is_sickness_days_lost_over_employed_fte_times_253()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1)).Assign("p2", D(2020, 1, 1))
            .Absent("p1", D(2025, 1, 6), D(2025, 2, 14), AbsenceReason.Sickness, 30.0)
            .Absent("p2", D(2025, 3, 3), D(2025, 3, 7), AbsenceReason.Sickness, 20.6)
            .Absent("p2", D(2025, 5, 1), null, AbsenceReason.Maternity, 80.0)
            .Absent("p1", D(2024, 8, 1), D(2024, 8, 2), AbsenceReason.Sickness, 2.0)
            .Register();

        var year = YearTo(register, Sept30_2025);

        Assert.Equal(50.6m, year.WorkingDaysLost);
        Assert.Equal(10m, year.AbsenceRatePercent);
    }

    [Fact]
    public void Sickness_spanning_the_start_or_end_of_the_year_counts_pro_rata_to_its_days_inside_it()
    {
        var register = new ChangeLogBuilder()
            .Assign("p1", D(2020, 1, 1))
            // 21 Sept to 10 Oct 2024: 20 days, the last 10 inside the year from 1 Oct 2024.
            .Absent("p1", D(2024, 9, 21), D(2024, 10, 10), AbsenceReason.Sickness, 14.0)
            // 21 Sept to 10 Oct 2025: the first 10 of 20 days inside the year to 30 Sept 2025.
            .Absent("p1", D(2025, 9, 21), D(2025, 10, 10), AbsenceReason.Sickness, 10.0)
            .Register();

        Assert.Equal(7m + 5m, YearTo(register, Sept30_2025).WorkingDaysLost);
    }

    [Fact]
    public void Scope_narrows_to_a_team_and_a_role()
    {
        var register = new ChangeLogBuilder()
            .Assign("m1", D(2020, 1, 1), team: "north", role: 3, contract: ContractType.Agency)
            .Assign("c1", D(2020, 1, 1), team: "north", role: 5)
            .Assign("c2", D(2020, 1, 1), team: "south", role: 5, contract: ContractType.Agency)
            .Register();

        Assert.Equal(50m, WorkforceFigures.AgencyRateOn(register, Sept30_2025, new Scope(Team: "north")).RateByFtePercent);
        Assert.Equal(50m, WorkforceFigures.AgencyRateOn(register, Sept30_2025, new Scope(CensusRole: 5)).RateByFtePercent);
        Assert.Null(WorkforceFigures.AgencyRateOn(register, Sept30_2025, new Scope(Team: "east")).RateByFtePercent);
    }
}
