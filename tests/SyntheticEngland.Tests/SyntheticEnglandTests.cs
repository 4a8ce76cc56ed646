using Xunit;

namespace Workforce.SyntheticEngland.Tests;

public sealed class SyntheticEnglandTests
{
    /// <summary>Darlington and Durham (domain.md §2), a joint return, and Isles of Scilly (none in post from 2021).</summary>
    [Theory]
    [InlineData("841")]
    [InlineData("840")]
    [InlineData("940-941")]
    [InlineData("420")]
    public void Every_published_figure_of_a_council_is_what_its_feeds_give_at_30_September(string authority)
    {
        var published = PublishedIndicators.Councils.Single(c => c.Authority == authority);
        var council = England.Generate(new EnglandOptions { Authorities = [authority], Supervision = false }).Single();

        Assert.NotEmpty(council.Targets);
        foreach (var target in council.Targets)
        {
            var folded = FeedFold.At(council, target.Year);
            var figures = published.In(target.Year)!;
            Assert.Equal(figures.InPost ?? folded.InPost, folded.InPost);
            Assert.Equal(figures.Agency ?? folded.Agency, folded.Agency);
            Assert.Equal(figures.Leavers ?? folded.Leavers, folded.Leavers);
            Assert.Equal(figures.Vacancy ?? folded.Vacancy, folded.Vacancy);
            Assert.Equal(figures.CaseHolders ?? folded.CaseHolders, folded.CaseHolders);
            Assert.Equal(figures.Cases ?? folded.Cases, folded.Cases);
            Assert.Equal(target, folded);
        }
    }

    [Fact]
    public void England_in_2025_sums_to_the_national_figures_within_rounding()
    {
        var councils = England.Generate(new EnglandOptions { FirstYear = 2025, Supervision = false }).ToList();
        var figures = councils.Select(c => FeedFold.At(c, 2025)).ToList();
        var england = PublishedIndicators.England.Single(e => e.Year == 2025);

        // Each council's FTE is rounded to a tenth, so the sum may drift by half a tenth per council.
        Assert.InRange(councils.Count, 145, 155);
        Assert.InRange(figures.Sum(f => f.InPost), england.InPost!.Value - (councils.Count / 2), england.InPost.Value + (councils.Count / 2));
        Assert.InRange(figures.Sum(f => f.Agency), england.Agency!.Value - (councils.Count / 2), england.Agency.Value + (councils.Count / 2));
        Assert.InRange(figures.Sum(f => f.Leavers), england.Leavers!.Value - (councils.Count / 2), england.Leavers.Value + (councils.Count / 2));
        Assert.InRange(figures.Sum(f => f.Vacancy), england.Vacancy!.Value - (councils.Count / 2), england.Vacancy.Value + (councils.Count / 2));
        Assert.InRange(figures.Sum(f => f.CaseHolders), england.CaseHolders!.Value - (councils.Count / 2), england.CaseHolders.Value + (councils.Count / 2));
        Assert.Equal(england.Cases, figures.Sum(f => f.Cases));
    }

    [Fact]
    public void Supervision_follows_the_28_day_policy_with_gaps_and_only_for_staff_in_post()
    {
        var council = England.Generate(new EnglandOptions { Authorities = ["841"], FirstYear = 2024 }).Single();
        var inPost = council.StaffChanges.Where(c => c.Leaver is not null).ToDictionary(c => c.StaffId, c => c.EffectiveDate);
        var intervals = council.Sessions.GroupBy(s => s.SuperviseeStaffId)
            .SelectMany(g => g.Select(s => new DateOnly(s.Date.Year, s.Date.Month, s.Date.Day)).Order().Pairwise())
            .Select(p => p.Second.DayNumber - p.First.DayNumber).ToList();

        Assert.NotEmpty(council.Sessions);
        Assert.All(council.Sessions, s => Assert.True(!inPost.TryGetValue(s.SuperviseeStaffId, out var last) || s.Date.ToDateTime() <= last.ToDateTime()));
        Assert.InRange(intervals.Count(i => i <= 28) / (double)intervals.Count, 0.6, 0.85);
        Assert.Contains(intervals, i => i >= 42);
        Assert.All(council.Sessions, s => Assert.NotEqual("", s.SupervisorStaffId));
    }

    [Fact]
    public void The_same_seed_gives_the_same_council_and_another_seed_another()
    {
        var options = new EnglandOptions { Authorities = ["841"], FirstYear = 2024, Supervision = false };
        var first = England.Generate(options).Single();
        var again = England.Generate(options).Single();
        var other = England.Generate(options with { Seed = 7 }).Single();

        Assert.Equal(first.StaffChanges, again.StaffChanges);
        Assert.Equal(first.AllocationChanges, again.AllocationChanges);
        Assert.NotEqual(first.AllocationChanges, other.AllocationChanges);
        Assert.Equal(first.Figures, other.Figures);
    }

    [Fact]
    public void Councils_and_years_narrow_the_run()
    {
        var councils = England.Selected(new EnglandOptions { Councils = 3, FirstYear = 2024, LastYear = 2025 }).ToList();
        var council = England.Generate(new EnglandOptions { Councils = 1, FirstYear = 2024, LastYear = 2025, Supervision = false }).Single();

        Assert.Equal(3, councils.Count);
        Assert.Equal([2024, 2025], council.Targets.Select(t => t.Year));
        Assert.Empty(council.Sessions);
    }
}

internal static class Sequences
{
    public static IEnumerable<(T First, T Second)> Pairwise<T>(this IEnumerable<T> items) => items.Zip(items.Skip(1));
}
