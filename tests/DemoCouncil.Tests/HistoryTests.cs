using Workforce.V1;
using Xunit;
using Kind = Workforce.V1.StaffChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>The default demo council carries every kind of HR history the suite must handle, at Darlington's scale.</summary>
public sealed class HistoryTests
{
    private static readonly DateOnly End = DemoFeeds.Options.End;
    private static readonly IReadOnlyList<FeedBatch> Batches = DemoFeeds.Default.Batches;
    private static readonly List<StaffChange> Changes = [.. DemoFeeds.Default.Changes];
    private static readonly Replay Replayed = DemoFeeds.Replayed;

    [Fact]
    public void It_covers_at_least_36_months_with_starters_and_leavers_in_each_reporting_year()
    {
        Assert.True(Batches[0].SentOn <= End.AddMonths(-36));
        for (var yearEnd = End; yearEnd > End.AddMonths(-36); yearEnd = yearEnd.AddYears(-1))
        {
            bool InYear(DateOnly day) => day > yearEnd.AddYears(-1) && day <= yearEnd;
            Assert.Contains(Replayed.Posts, p => InYear(p.Assignments[0].From));
            Assert.Contains(Replayed.Posts, p => p.LastDays.Any(InYear));
        }
    }

    [Fact]
    public void At_the_end_date_the_register_holds_a_darlington_sized_workforce()
    {
        var employed = Replayed.Fte(End, ContractType.Employed);
        var agency = Replayed.Fte(End, ContractType.Agency);

        Assert.InRange(employed, 85, 105);
        Assert.InRange(agency, 8, 18);
        // The generator's own figures agree with the fold of what it sends.
        Assert.Equal(DemoFeeds.Default.Summary.EmployedFte, employed, 9);
        Assert.Equal(DemoFeeds.Default.Summary.AgencyFte, agency, 9);
    }

    [Fact]
    public void Turnover_is_near_fifteen_percent_a_year()
    {
        for (var yearEnd = End; yearEnd > End.AddMonths(-36); yearEnd = yearEnd.AddYears(-1))
        {
            var turnover = Replayed.EmployedLeaversFte(yearEnd.AddYears(-1), yearEnd.AddDays(-1)) / Replayed.Fte(yearEnd, ContractType.Employed);
            Assert.InRange(turnover, 0.09, 0.22);
        }
    }

    [Fact]
    public void Roles_are_mostly_case_holders_with_senior_practitioners_and_managers()
    {
        var employed = Replayed.Posts.Select(p => p.On(End)).OfType<Assignment>().Where(a => a.Contract == ContractType.Employed).ToList();
        int Count(int role) => employed.Count(a => a.CensusRole == role);

        Assert.True(Count(5) > employed.Count / 2, $"{Count(5)} of {employed.Count} are case holders");
        Assert.InRange(Count(4), 8, 25);
        Assert.InRange(Count(3), 5, 8);
        Assert.InRange(Count(1) + Count(2), 2, 5);
    }

    [Fact]
    public void A_leaver_recorded_late_arrives_in_a_later_batch_than_one_sent_after_the_last_day()
    {
        Assert.Contains(Enumerable.Range(1, Batches.Count - 1), i =>
            Batches[i].Changes.Any(c => c.ChangeCase == Kind.Leaver && Replay.Day(c.EffectiveDate) < Batches[i - 1].SentOn));
    }

    [Fact]
    public void A_mistaken_assignment_is_retracted_by_a_correction()
    {
        var correction = Assert.Single(Changes, c => c.ChangeCase == Kind.Correction);
        var retracted = Assert.Single(Changes, c => c.ChangeId == correction.Correction.RetractsChangeId);

        Assert.Equal(Kind.Assignment, retracted.ChangeCase);
        Assert.True(Changes.IndexOf(retracted) < Changes.IndexOf(correction));
    }

    [Fact]
    public void A_reinstatement_cancels_an_earlier_leaver_of_the_same_post()
    {
        var reinstatement = Assert.Single(Changes, c => c.ChangeCase == Kind.Reinstatement);

        Assert.Contains(Changes[..Changes.IndexOf(reinstatement)], c =>
            c.ChangeCase == Kind.Leaver && c.StaffId == reinstatement.StaffId && Replay.Day(c.EffectiveDate) <= Replay.Day(reinstatement.EffectiveDate));
    }

    [Fact]
    public void A_post_moves_from_direct_employment_to_agency_work()
    {
        Assert.Contains(Replayed.Posts, p => p.Assignments.Zip(p.Assignments.Skip(1)).Any(pair =>
            pair.First.Assignment.Contract == ContractType.Employed && pair.Second.Assignment.Contract == ContractType.Agency &&
            p.On(pair.Second.From.AddDays(-1)) is not null));
    }

    [Fact]
    public void One_person_holds_two_posts_and_one_worker_is_not_registered()
    {
        Assert.Contains(Changes.Where(c => c.PersonId.Length > 0).GroupBy(c => c.PersonId), g => g.Select(c => c.StaffId).Distinct().Count() == 2);
        Assert.Contains(Changes, c => c.ChangeCase == Kind.Assignment && !c.Assignment.Registered);
    }

    [Fact]
    public void Newly_qualified_asye_starters_join_as_case_holders()
    {
        var asye = Replayed.Posts.Select(p => p.Assignments[0])
            .Where(a => a.Assignment.AsyeStart is not null && a.From > DemoFeeds.Options.Start).ToList();

        Assert.True(asye.Count >= 5, $"{asye.Count} ASYE starters");
        Assert.All(asye, a => Assert.Equal((5, a.From), (a.Assignment.CensusRole, Replay.Day(a.Assignment.AsyeStart))));
    }

    [Fact]
    public void Maternity_leave_is_covered_by_an_agency_worker_in_the_same_team()
    {
        var covers = Replayed.Posts.Select(p => p.Assignments[0])
            .Where(a => a.Assignment.CoverReason == CoverReason.AbsenceCover).ToList();

        Assert.Contains(Replayed.Posts, p => p.Absences.Any(m =>
            m.Absence.Reason == AbsenceReason.Maternity && p.On(Replay.Day(m.EffectiveDate)) is { } mother &&
            covers.Any(c => c.Assignment.Team == mother.Team && c.From >= Replay.Day(m.EffectiveDate) && c.From <= (m.Absence.LastDay is { } last ? Replay.Day(last) : End))));
    }

    [Fact]
    public void Sickness_is_short_and_long_and_a_long_absence_is_revised_when_it_ends()
    {
        var sickness = Replayed.Posts.SelectMany(p => p.Absences).Where(a => a.Absence.Reason == AbsenceReason.Sickness && a.Absence.LastDay is not null)
            .Select(a => Replay.Day(a.Absence.LastDay).DayNumber - Replay.Day(a.EffectiveDate).DayNumber + 1).ToList();

        Assert.Contains(sickness, days => days < 28);
        Assert.Contains(sickness, days => days >= 28);
        Assert.Contains(Changes, c => c.ChangeCase == Kind.Absence && c.SourceVersion == 2 && c.Absence.WorkingDaysLost > 0);
    }

    [Fact]
    public void Staff_move_team_and_change_fte()
    {
        var pairs = Replayed.Posts.SelectMany(p => p.Assignments.Zip(p.Assignments.Skip(1)).Select(pair => (Before: pair.First.Assignment, After: pair.Second.Assignment))).ToList();

        Assert.Contains(pairs, p => p.Before.Contract == ContractType.Employed && p.After.Contract == ContractType.Employed && p.Before.Team != p.After.Team);
        Assert.Contains(pairs, p => p.Before.Team == p.After.Team && p.Before.Fte != p.After.Fte);
    }

    [Fact]
    public void Establishment_changes_over_time_and_a_team_is_over_establishment_for_a_while()
    {
        var establishment = Changes.Where(c => c.ChangeCase == Kind.Establishment).ToList();
        var monthEnds = Enumerable.Range(0, 48).Select(m => DemoFeeds.Options.Start.AddMonths(m + 1).AddDays(-1));

        Assert.True(establishment.Count > Replayed.Teams.Count(), "establishment changes after the first");
        Assert.Contains(monthEnds, day => Replayed.Teams.Any(team => Replayed.Fte(day, ContractType.Employed, team) > Replayed.FundedFte(team, day)));
    }

    [Fact]
    public void A_starter_is_sent_before_the_end_date_with_a_first_day_after_it()
    {
        Assert.Contains(Replayed.Posts, p => p.Assignments[0].From > End);
        Assert.True(Batches[^1].SentOn <= End);
    }
}
