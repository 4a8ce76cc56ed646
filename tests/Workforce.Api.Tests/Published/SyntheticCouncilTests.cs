using Workforce.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Workforce.Api.Tests.Published;

/// <summary>The synthetic councils behind the published-figure tests: deterministic, exact, and noisy where it must not count.</summary>
public sealed class SyntheticCouncilTests
{
    private static readonly CouncilTargets Darlington2025 = new(2025, 95.6m, 14.7m, 13.5m, 4.0m);
    private static readonly DateOnly Sept30 = Darlington2025.AsOf;

    [Fact]
    public void The_same_seed_writes_the_same_change_log()
    {
        var first = SyntheticCouncil.Generate("841", Darlington2025, seed: 7);
        var second = SyntheticCouncil.Generate("841", Darlington2025, seed: 7);

        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair =>
            Assert.True(pair.First.SameContentAs(pair.Second) && pair.First.Sequence == pair.Second.Sequence && pair.First.RecordedAt == pair.Second.RecordedAt));
    }

    [Fact]
    public void Posts_have_a_realistic_mix_of_ftes_that_sums_exactly_to_the_target()
    {
        var register = Register.Build(SyntheticCouncil.Generate("841", Darlington2025, seed: 7));
        var employed = register.InPost(Sept30).Where(p => p.State is { Registered: true, Contract: ContractType.Employed }).ToList();

        Assert.Equal(95.6m, employed.Sum(p => p.State.Fte));
        Assert.True(employed.Count(p => p.State.FteMillionths == Fte.Scale) > employed.Count / 2, "most posts are full time");
        Assert.Contains(employed, p => p.State.FteMillionths % (Fte.Scale / 10) != 0);
        Assert.True(employed.Select(p => p.State.Team).Distinct().Count() >= 5, "several teams");
    }

    [Fact]
    public void A_synthetic_council_carries_the_noise_that_must_not_count()
    {
        var register = Register.Build(SyntheticCouncil.Generate("841", Darlington2025, seed: 7));
        var inPost = register.InPost(Sept30).ToList();
        var exits = register.Posts.SelectMany(p => p.Exits).ToList();
        var employedByTeam = inPost.Where(p => p.State is { Registered: true, Contract: ContractType.Employed })
            .GroupBy(p => p.State.Team)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.State.FteMillionths));

        Assert.Contains(inPost, p => !p.State.Registered);
        Assert.Contains(exits, e => !e.State.Registered && e.LastDay > Sept30.AddYears(-1) && e.LastDay < Sept30);
        Assert.Contains(exits, e => e.LastDay == Sept30);
        Assert.Contains(exits, e => e.LastDay == Sept30.AddYears(-1).AddDays(-1) && e.State.Contract == ContractType.Employed);
        Assert.Contains(exits, e => e.Kind == ExitKind.Left && e.State.Contract == ContractType.Agency);
        Assert.Contains(exits, e => e.Kind == ExitKind.BecameAgency);
        Assert.Contains(register.Posts, p => p.Starts.Contains(Sept30.AddDays(1)));
        Assert.Contains(register.Posts.GroupBy(p => p.PersonId), person => person.Count() > 1);
        Assert.Contains(employedByTeam, team => register.FundedFteMillionths(team.Key, Sept30) < team.Value);
        Assert.Contains(register.EstablishedTeams, team => register.FundedFteMillionths(team, Sept30.AddDays(1)) != register.FundedFteMillionths(team, Sept30));
    }

    [Theory]
    [InlineData(0.2, 0.0, 0.0, 0.0)]
    [InlineData(1.1, 0.1, 0.3, 0.1)]
    [InlineData(2.0, 0.0, 1.0, 0.0)]
    [InlineData(0.0, 0.0, 2.0, 3.0)]
    public void Tiny_and_zero_figures_are_met_exactly(double inPost, double leavers, double agency, double vacancy)
    {
        var targets = new CouncilTargets(2025, (decimal)inPost, (decimal)leavers, (decimal)agency, (decimal)vacancy);

        var figures = WorkforceFigures.StabilityForYearTo(Register.Build(SyntheticCouncil.Generate("999", targets, seed: 1)), Sept30, Scope.Council);

        Assert.Equal(
            (targets.InPostFte, targets.LeaversFte, targets.AgencyFte, targets.VacancyFte),
            (figures.EmployedFte, figures.LeaversFte, figures.Agency.AgencyFte, figures.VacancyFte));
    }
}
