using Workforce.ServiceDefaults.Caching;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class AnswerMemoTests
{
    [Fact]
    public void A_question_is_worked_out_once_and_different_questions_each_once()
    {
        var memo = new AnswerMemo();
        var worked = new List<(string, DateOnly)>();
        int Work(string figure, DateOnly day)
        {
            worked.Add((figure, day));
            return worked.Count;
        }

        var (first, second) = (new DateOnly(2025, 9, 30), new DateOnly(2025, 3, 31));
        Assert.Equal(1, memo.GetOrAdd(("agency", first), () => Work("agency", first)));
        Assert.Equal(1, memo.GetOrAdd(("agency", first), () => Work("agency", first)));
        Assert.Equal(2, memo.GetOrAdd(("agency", second), () => Work("agency", second)));
        Assert.Equal(3, memo.GetOrAdd(("stability", first), () => Work("stability", first)));
        Assert.Equal(2, memo.GetOrAdd(("agency", second), () => Work("agency", second)));
        Assert.Equal(3, worked.Count);
    }

    [Fact]
    public void Past_its_bound_it_still_answers_but_keeps_nothing_more()
    {
        var memo = new AnswerMemo();
        for (var i = 0; i < AnswerMemo.MaxAnswers; i++)
        {
            memo.GetOrAdd(i, () => i);
        }

        var works = 0;
        Assert.Equal(-1, memo.GetOrAdd(-1, () => --works));
        Assert.Equal(-2, memo.GetOrAdd(-1, () => --works));
        Assert.Equal(7, memo.GetOrAdd(7, () => -7));
    }
}
