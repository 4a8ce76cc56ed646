using Scorecard.Api.Domain;
using Xunit;

namespace Scorecard.Tests;

public sealed class RagTests
{
    [Theory]
    [InlineData(17.0, RagStatus.Green)]
    [InlineData(18.04, RagStatus.Green)] // shown as 18.0: not above the target
    [InlineData(18.05, RagStatus.Amber)] // shown as 18.1
    [InlineData(20.0, RagStatus.Amber)]
    [InlineData(20.06, RagStatus.Red)]
    public void Caseload_is_green_to_the_target_amber_to_two_above_and_red_beyond(double average, RagStatus expected) =>
        Assert.Equal(expected, Rag.LowerIsBetter(average, 18));

    [Theory]
    [InlineData(95.0, RagStatus.Green)]
    [InlineData(89.96, RagStatus.Green)] // shown as 90.0
    [InlineData(89.94, RagStatus.Amber)]
    [InlineData(80.0, RagStatus.Amber)]
    [InlineData(79.9, RagStatus.Red)]
    public void Supervision_is_green_from_90_amber_from_80_and_red_below(double percent, RagStatus expected) =>
        Assert.Equal(expected, Rag.Supervision(percent));

    [Fact]
    public void A_figure_without_a_value_has_no_status()
    {
        Assert.Equal(RagStatus.None, Rag.LowerIsBetter(null, 18));
        Assert.Equal(RagStatus.None, Rag.Supervision(null));
    }
}
