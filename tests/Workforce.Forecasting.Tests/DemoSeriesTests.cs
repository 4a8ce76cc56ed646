using Workforce.Backtest;
using Workforce.DemoCouncil;
using Xunit;

namespace Workforce.Forecasting.Tests;

public class DemoSeriesTests
{
    [Fact]
    public void The_default_demo_councils_month_ends_run_from_october_2021_to_its_documented_1508_open_cases()
    {
        var council = Council.Generate(new DemoCouncilOptions());

        var series = DemoSeries.MonthEndOpenCases(council);

        // Four years of month ends, 31 October 2021 to 30 September 2025; deploy/DemoCouncil/README.md gives 1508 open at the end.
        Assert.Equal(48, series.Count);
        Assert.Equal(council.Cases.Count(c => c.IsOpenOn(new DateOnly(2021, 10, 31))), series[0]);
        Assert.Equal(council.Cases.Count(c => c.IsOpenOn(new DateOnly(2024, 2, 29))), series[28]);
        Assert.Equal(1508, series[^1]);
    }

    [Fact]
    public void Each_demo_council_is_another_seed_starting_from_the_default()
    {
        var councils = DemoSeries.Councils(3).ToList();

        Assert.Equal([20250930, 20250931, 20250932], councils.Select(c => c.Seed));
        Assert.All(councils, c => Assert.Equal(new DemoCouncilOptions().End, c.End));
    }
}
