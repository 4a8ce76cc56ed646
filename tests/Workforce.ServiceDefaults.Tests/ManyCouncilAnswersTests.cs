using Workforce.ServiceDefaults.Caching;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class ManyCouncilAnswersTests
{
    private static readonly DateOnly Sept30 = new(2025, 9, 30);

    private readonly CouncilChanges _changes = new();
    private readonly ManyCouncilAnswers<string> _answers;
    private int _builds;

    public ManyCouncilAnswersTests() => _answers = new ManyCouncilAnswers<string>(_changes);

    private Task<string> Ask(DateOnly day, params string[] councils) =>
        _answers.GetOrBuildAsync(councils, day, () => Task.FromResult($"{string.Join('+', councils)} on {day:yyyy-MM-dd}, build {++_builds}"));

    [Fact]
    public async Task While_hearing_an_answer_is_built_once_until_one_of_its_councils_changes()
    {
        _changes.StartedHearing();

        Assert.Equal("841+842 on 2025-09-30, build 1", await Ask(Sept30, "841", "842"));
        Assert.Equal("841+842 on 2025-09-30, build 1", await Ask(Sept30, "841", "842"));
        Assert.Equal("841+842 on 2025-03-31, build 2", await Ask(new DateOnly(2025, 3, 31), "841", "842"));
        Assert.Equal("842+841 on 2025-09-30, build 3", await Ask(Sept30, "842", "841"));

        _changes.Changed("843");
        Assert.Equal("841+842 on 2025-09-30, build 1", await Ask(Sept30, "841", "842"));

        _changes.Changed("842");
        Assert.Equal("841+842 on 2025-09-30, build 4", await Ask(Sept30, "841", "842"));
        Assert.Equal("841+842 on 2025-09-30, build 4", await Ask(Sept30, "841", "842"));
    }

    [Fact]
    public async Task A_change_heard_while_an_answer_is_built_makes_it_stale()
    {
        _changes.StartedHearing();

        var during = await _answers.GetOrBuildAsync(["841"], Sept30, () =>
        {
            _changes.Changed("841");
            return Task.FromResult("read before the change");
        });

        Assert.Equal("read before the change", during);
        Assert.Equal("841 on 2025-09-30, build 1", await Ask(Sept30, "841"));
    }

    [Fact]
    public async Task While_changes_could_go_unheard_every_answer_is_built_afresh()
    {
        Assert.Equal("841 on 2025-09-30, build 1", await Ask(Sept30, "841"));
        Assert.Equal("841 on 2025-09-30, build 2", await Ask(Sept30, "841"));

        _changes.StartedHearing();
        Assert.Equal("841 on 2025-09-30, build 3", await Ask(Sept30, "841"));
        _changes.StoppedHearing();
        Assert.Equal("841 on 2025-09-30, build 4", await Ask(Sept30, "841"));
    }

    [Fact]
    public async Task Past_its_bound_it_starts_again_empty()
    {
        _changes.StartedHearing();
        for (var i = 0; i <= ManyCouncilAnswers<string>.MaxAnswers; i++)
        {
            await Ask(Sept30.AddDays(-i), "841");
        }

        Assert.Equal(ManyCouncilAnswers<string>.MaxAnswers + 1, _builds);
        await Ask(Sept30.AddDays(-ManyCouncilAnswers<string>.MaxAnswers), "841");
        Assert.Equal(ManyCouncilAnswers<string>.MaxAnswers + 1, _builds);
        await Ask(Sept30, "841");
        Assert.Equal(ManyCouncilAnswers<string>.MaxAnswers + 2, _builds);
    }
}
