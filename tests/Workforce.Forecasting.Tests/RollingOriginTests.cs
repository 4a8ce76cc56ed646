using Xunit;

namespace Workforce.Forecasting.Tests;

public class RollingOriginTests
{
    private static readonly double[] Series = [10, 12, 11, 13, 15];

    /// <summary>Repeats the last value with fixed intervals: last ± 2.5 (80%) and ± 4.5 (95%).</summary>
    private static readonly ForecastMethod Fixed = new("fixed", (history, _) => new FixedIntervals(history[^1]));

    [Fact]
    public void Outcomes_follow_each_origin_and_horizon_worked_by_hand()
    {
        var outcomes = RollingOrigin.Evaluate("tiny", Series, 1, [3, 4], [1, 2], [Fixed]);

        // Origin 3 trains on 10, 12, 11 (scale = (2 + 1) / 2 = 1.5) and forecasts 11 for 13 and 15;
        // origin 4 trains on 10, 12, 11, 13 (scale = (2 + 1 + 2) / 3 = 5/3) and forecasts 13 for 15; its h = 2 is past the end.
        Assert.Equal(
            [(3, 1, 13.0, 11.0, 1.5), (3, 2, 15.0, 11.0, 1.5), (4, 1, 15.0, 13.0, 5.0 / 3)],
            outcomes.Select(o => (o.Origin, o.Horizon, o.Actual, o.Forecast.Mean, o.Scale)));
        Assert.Equal([200 / 13.0, 400 / 15.0, 200 / 15.0], outcomes.Select(o => o.AbsolutePercentageError), new Tolerance(1e-9));
        Assert.Equal([2 / 1.5, 4 / 1.5, 2 / (5.0 / 3)], outcomes.Select(o => o.AbsoluteScaledError), new Tolerance(1e-9));
        Assert.Equal([true, false, true], outcomes.Select(o => o.Within80));
        Assert.Equal([true, true, true], outcomes.Select(o => o.Within95));
    }

    [Fact]
    public void Accuracy_averages_and_counts_the_outcomes_worked_by_hand()
    {
        var outcomes = RollingOrigin.Evaluate("tiny", Series, 1, [3, 4], [1, 2], [Fixed]);

        var all = Accuracy.Of(outcomes);
        var first = Accuracy.Of(outcomes.Where(o => o.Horizon == 1));

        // APEs 15.385, 26.667, 13.333; scaled errors 1.3333, 2.6667, 1.2.
        Assert.Equal(3, all.Forecasts);
        Assert.Equal((15.384615 + 26.666667 + 13.333333) / 3, all.Mape, 5);
        Assert.Equal(15.384615, all.MedianApe, 5);
        Assert.Equal(5.2 / 3, all.Mase, 9);
        Assert.Equal(2 / 3.0, all.Coverage80, 9);
        Assert.Equal(1, all.Coverage95, 9);
        Assert.Equal((15.384615 + 13.333333) / 2, first.MedianApe, 5);
        Assert.Equal((4 / 3.0 + 1.2) / 2, first.Mase, 9);
    }

    [Fact]
    public void A_seasonal_series_is_scaled_by_the_seasonal_naive_error()
    {
        double[] series = [1, 2, 3, 5, 4, 6, 5];

        var outcome = Assert.Single(RollingOrigin.Evaluate("seasonal", series, 2, [6], [1], [ForecastMethod.SeasonalNaive]));

        // Lag-2 differences of 1, 2, 3, 5, 4, 6: 2, 3, 1, 1, so the scale is 7/4; the forecast repeats 4, two steps back.
        Assert.Equal(1.75, outcome.Scale, 12);
        Assert.Equal(4, outcome.Forecast.Mean, 12);
        Assert.Equal(1 / 1.75, outcome.AbsoluteScaledError, 12);
        Assert.Equal(1.75, RollingOrigin.ScalingError([1, 2, 3, 5, 4, 6], 2), 12);
    }

    [Fact]
    public void A_zero_actual_or_a_zero_scale_leaves_that_measure_out()
    {
        var outcomes = RollingOrigin.Evaluate("flat then zero", [5, 5, 5, 0], 1, [3], [1], [Fixed]);

        var accuracy = Accuracy.Of(outcomes);

        Assert.Equal(1, accuracy.Forecasts);
        Assert.True(double.IsNaN(accuracy.Mape));
        Assert.True(double.IsNaN(accuracy.Mase));
        Assert.Equal(0, accuracy.Coverage80);
    }

    [Fact]
    public void Origins_run_from_the_minimum_training_to_the_last_observation()
    {
        Assert.Equal([24, 25, 26, 27], RollingOrigin.Origins(28, 24));
        Assert.Empty(RollingOrigin.Origins(20, 24));
    }

    [Fact]
    public void The_naive_benchmarks_intervals_match_a_hand_worked_example()
    {
        // Changes 2 and −1: σ = √(5/2) = 1.5811 on 2 degrees of freedom (t at 0.9 = 1.8856, at 0.975 = 4.3027).
        var naive = Benchmarks.Naive([10, 12, 11]).Forecast(2);
        // Seasonal (m = 2) differences 2, 3, 1, 1: σ = √(15/4) = 1.9365 on 4 degrees of freedom (t at 0.9 = 1.5332).
        var seasonal = Benchmarks.SeasonalNaive([1, 2, 3, 5, 4, 6], 2).Forecast(3);

        Assert.Equal(11 - 1.8856 * 1.5811, naive[0].Lower80, 3);
        Assert.Equal(11 + 4.3027 * 1.5811, naive[0].Upper95, 3);
        Assert.Equal(11 + 1.8856 * 1.5811 * Math.Sqrt(2), naive[1].Upper80, 3);
        Assert.Equal([4.0, 6.0, 4.0], seasonal.Select(p => p.Mean));
        Assert.Equal(6 + 1.5332 * 1.9365, seasonal[1].Upper80, 3);
        // h = 3 is the second season ahead: twice the variance.
        Assert.Equal(4 + 1.5332 * 1.9365 * Math.Sqrt(2), seasonal[2].Upper80, 3);
    }

    private sealed class FixedIntervals(double last) : IFittedModel
    {
        public string Method => "fixed";

        public IReadOnlyList<string> Notes => [];

        public IReadOnlyList<ForecastPoint> Forecast(int horizon) =>
            Enumerable.Repeat(new ForecastPoint(last, last - 2.5, last + 2.5, last - 4.5, last + 4.5), horizon).ToList();

        public double[][] SimulatePaths(int horizon, int paths, Random random) => throw new NotSupportedException();
    }
}
