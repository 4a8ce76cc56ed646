using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Retention;
using Xunit;

namespace Workforce.Api.Tests.Domain;

/// <summary>Which posts retention removes, with a cutoff of 24 November 2021 (five years before 24 November 2026).</summary>
public sealed class ExpiredPostsTests
{
    private static readonly DateOnly Cutoff = new(2021, 11, 24);
    private static readonly DateOnly Start = new(2018, 1, 1);

    [Fact]
    public void A_leaver_the_day_before_the_cutoff_goes_with_their_corrections_and_one_on_the_cutoff_day_stays()
    {
        var log = new ChangeLogBuilder()
            .Assign("day-before", Start).Absent("day-before", new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 5), AbsenceReason.Sickness, 5)
            .Leave("day-before", Cutoff.AddDays(-1))
            .Retract("chg-0002")
            .Assign("on-cutoff", Start).Leave("on-cutoff", Cutoff)
            .Assign("in-post", Start)
            .Establish("team-a", Start, 3);

        var (posts, rows) = ExpiredPosts.Find(log.Log, Cutoff);

        Assert.Equal(["day-before"], posts);
        Assert.Equal(["chg-0001", "chg-0002", "chg-0003", "chg-0004"], rows.Select(r => r.ChangeId));
    }

    [Fact]
    public void A_worker_whose_second_post_is_still_open_keeps_the_ended_one()
    {
        var log = new ChangeLogBuilder()
            .Assign("first-post", Start, person: "person-1").Leave("first-post", new DateOnly(2020, 6, 30))
            .Assign("second-post", new DateOnly(2020, 7, 1), person: "person-1")
            .Assign("both-ended-1", Start, person: "person-2").Leave("both-ended-1", new DateOnly(2019, 6, 30))
            .Assign("both-ended-2", new DateOnly(2019, 7, 1), person: "person-2").Leave("both-ended-2", new DateOnly(2020, 6, 30));

        var (posts, _) = ExpiredPosts.Find(log.Log, Cutoff);

        Assert.Equal(["both-ended-1", "both-ended-2"], posts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_post_with_a_change_dated_on_or_after_the_cutoff_or_sharing_a_change_id_with_a_kept_post_stays()
    {
        var log = new ChangeLogBuilder()
            // A return planned for 2022, overtaken by the leaver recorded after it: the post ended, but a row is dated later.
            .Assign("planned-return", Start).Assign("planned-return", new DateOnly(2022, 1, 1)).Leave("planned-return", new DateOnly(2020, 1, 31))
            // An HR export re-sent change "shared" under a higher source version for another, current post.
            .Assign("old", Start, changeId: "shared").Leave("old", new DateOnly(2020, 1, 31))
            .Assign("current", Start, changeId: "shared", sourceVersion: 2);

        var (posts, rows) = ExpiredPosts.Find(log.Log, Cutoff);

        Assert.Empty(posts);
        Assert.Empty(rows);
    }

    [Fact]
    public void A_leaver_before_the_cutoff_counts_in_turnover_up_to_the_day_before_the_horizon_and_not_after()
    {
        // Cutoff 29 February 2020: a leaver on the 28th counts in the year to 28 February 2021, so the horizon is 1 March.
        var cutoff = new DateOnly(2020, 2, 29);
        var horizon = RetentionDates.Horizon(cutoff);
        var register = new ChangeLogBuilder().Assign("leaver", Start).Leave("leaver", cutoff.AddDays(-1)).Assign("stayer", Start).Register();

        Assert.Equal(1, WorkforceFigures.StabilityForYearTo(register, horizon.AddDays(-1), Scope.Council).LeaversHeadcount);
        Assert.Equal(0, WorkforceFigures.StabilityForYearTo(register, horizon, Scope.Council).LeaversHeadcount);
    }

    [Fact]
    public void Frozen_figures_round_trip_exactly()
    {
        var register = new ChangeLogBuilder()
            .Assign("e1", Start, fte: 0.333333).Assign("a1", Start, fte: 0.7, contract: Workforce.Contracts.ContractType.Agency)
            .Assign("e2", Start).Leave("e2", new DateOnly(2018, 6, 30)).Establish("team-a", Start, 3)
            .Register();
        var stability = WorkforceFigures.StabilityForYearTo(register, new DateOnly(2018, 9, 30), Scope.Council);

        var json = FrozenFigures.Serialize(stability);
        var back = FrozenFigures.Deserialize<Stability>(json);

        Assert.Equal(json, FrozenFigures.Serialize(back));
        Assert.Equal((0.333333m, 0.7m, 1m, 2.666667m), (back.EmployedFte, back.Agency.AgencyFte, back.LeaversFte, back.VacancyFte));
        Assert.Equal(0.7m, back.Agency.AgencyFteByCoverReason[CoverReason.Vacancy]);
    }
}
