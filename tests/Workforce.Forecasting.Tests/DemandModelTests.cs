using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Xunit;

namespace Workforce.Forecasting.Tests;

public class DemandModelTests
{
    [Fact]
    public void Recovers_a_known_trend_and_annual_seasonality_from_a_noisy_series()
    {
        const double level = 500, slope = 3, amplitude = 40, noise = 5;
        var history = Synthetic.TrendAndSeason(72, level, slope, amplitude, noise, seed: 17);

        var model = DemandModel.Fit(history, 12);
        var forecast = model.Forecast(12);

        Assert.StartsWith("ETS(A,Ad,A)", model.Method);
        for (var h = 1; h <= 12; h++)
        {
            // The damped trend gives up a little of the slope by h = 12 (φ ≤ 0.98), hence 4σ rather than 2σ.
            Assert.InRange(forecast[h - 1].Mean - Synthetic.Expected(71 + h, level, slope, amplitude), -4 * noise, 4 * noise);
        }

        // The seasonal swing, peak to trough, is recovered: 2 × 40 less the trend over the half year between them.
        var detrended = forecast.Select((p, i) => p.Mean - slope * i).ToList();
        Assert.InRange(detrended.Max() - detrended.Min(), 2 * amplitude - 3 * noise, 2 * amplitude + 3 * noise);
    }

    [Fact]
    public void Agrees_with_statsmodels_on_darlingtons_children_in_need()
    {
        double[] darlington = [850, 897, 845, 927, 838, 900, 1042, 927, 861, 1086];

        var model = Assert.IsType<ExponentialSmoothingModel>(DemandModel.Fit(darlington, 1));

        // statsmodels 0.13.5 ETSModel(error="add"): α at its lower bound 0.0001, level 917.249, √(SSE/n) = 80.0815,
        // so σ on n − 2 degrees of freedom is 80.0815 × √(10/8) = 89.533.
        Assert.StartsWith("ETS(A,N,N)", model.Method);
        Assert.InRange(model.Parameters.Alpha, 0, 0.001);
        Assert.Equal(917.249, model.Forecast(1)[0].Mean, 0.1);
        Assert.Equal(89.533, model.ResidualStandardDeviation, 0.01);
    }

    [Fact]
    public void Agrees_with_statsmodels_on_a_damped_trend_seasonal_series()
    {
        var random = new Random(5);
        var history = Enumerable.Range(0, 60)
            .Select(t => 500 + 3 * t + 40 * Math.Sin(2 * Math.PI * t / 12) + 8 * (random.NextDouble() - 0.5) * 3.46).ToArray();

        var model = Assert.IsType<ExponentialSmoothingModel>(DemandModel.Fit(history, 12));

        // statsmodels 0.13.5 ETSModel(error="add", trend="add", damped_trend=True, seasonal="add", seasonal_periods=12):
        // α = β = 0.0283, γ ≈ 0, φ = 0.98, √(SSE/n) = 8.3409, so σ on 60 − 17 degrees of freedom is 9.853.
        Assert.StartsWith("ETS(A,Ad,A)", model.Method);
        Assert.Equal(0.0283, model.Parameters.Alpha, 0.002);
        Assert.Equal(0.98, model.Parameters.Phi, 0.001);
        Assert.Equal([673.67, 703.74, 717.42, 731.64, 726.39, 707.48], model.Forecast(6).Select(p => p.Mean), new Tolerance(0.2));
        Assert.Equal(9.853, model.ResidualStandardDeviation, 0.02);
    }

    [Fact]
    public void Intervals_widen_with_the_horizon_and_the_95_percent_interval_holds_the_80_percent_one()
    {
        var history = Synthetic.SimpleSmoothing(48, 300, 0.5, 8, new Random(3));

        var forecast = DemandModel.Fit(history, 12).Forecast(12);

        for (var h = 1; h < 12; h++)
        {
            Assert.True(forecast[h].Upper80 - forecast[h].Lower80 > forecast[h - 1].Upper80 - forecast[h - 1].Lower80, $"80% at h = {h + 1}");
            Assert.True(forecast[h].Upper95 - forecast[h].Lower95 > forecast[h - 1].Upper95 - forecast[h - 1].Lower95, $"95% at h = {h + 1}");
        }

        Assert.All(forecast, p => Assert.True(p.Lower95 < p.Lower80 && p.Lower80 < p.Mean && p.Mean < p.Upper80 && p.Upper80 < p.Upper95));
    }

    [Theory]
    [InlineData(12, 1)]
    [InlineData(12, 12)]
    [InlineData(0, 30)]
    [InlineData(7, 3)]
    public void A_constant_series_forecasts_itself_with_zero_width_intervals(double value, int length)
    {
        var model = DemandModel.Fit(Enumerable.Repeat(value, length).ToList(), 12);

        Assert.All(model.Forecast(6), p => Assert.Equal(new ForecastPoint(value, value, value, value, value), p));
        Assert.All(model.SimulatePaths(6, 10, new Random(1)), path => Assert.All(path, y => Assert.Equal(value, y)));
        Assert.Contains(model.Notes, n => n.Contains("zero width"));
    }

    [Fact]
    public void A_short_monthly_history_gets_no_seasonality_a_note_and_wider_intervals()
    {
        var history = Synthetic.TrendAndSeason(48, 500, 0, 40, 5, seed: 5);

        var shortModel = Assert.IsType<ExponentialSmoothingModel>(DemandModel.Fit(history[..14], 12));
        var longModel = Assert.IsType<ExponentialSmoothingModel>(DemandModel.Fit(history, 12));

        Assert.DoesNotContain(",A)", shortModel.Method);
        Assert.Contains(shortModel.Notes, n => n.Contains("14 observations") && n.Contains("no seasonality fitted") && n.Contains("intervals widened"));
        Assert.Contains(",A)", longModel.Method);
        // Student t with the few residual degrees of freedom, rather than the normal quantile.
        var z80 = Normal.InvCDF(0, 1, 0.9);
        Assert.True(shortModel.IntervalMultiplier(0.8) > 1.05 * z80);
        Assert.True(shortModel.IntervalMultiplier(0.8) > longModel.IntervalMultiplier(0.8));
        var first = shortModel.Forecast(1)[0];
        Assert.Equal(2 * shortModel.IntervalMultiplier(0.8) * shortModel.ResidualStandardDeviation, first.Upper80 - first.Lower80, 6);
    }

    [Fact]
    public void Very_few_observations_get_a_random_walk_with_wide_intervals_and_say_so()
    {
        var model = DemandModel.Fit([100, 110, 104], 12);

        var forecast = model.Forecast(2);

        Assert.StartsWith("Random walk", model.Method);
        Assert.Contains(model.Notes, n => n.Contains("only 3 observations"));
        // σ = √((10² + 6²) / 2) = 8.2462; t with 2 degrees of freedom at 0.9 is 1.8856: 104 ± 15.549 at h = 1,
        // 104 ± 15.549 × √2 = ± 21.989 at h = 2.
        Assert.Equal(104, forecast[0].Mean, 9);
        Assert.Equal(88.451, forecast[0].Lower80, 2);
        Assert.Equal(125.989, forecast[1].Upper80, 2);
    }

    [Fact]
    public void The_80_percent_interval_covers_about_80_percent_of_simulated_ets_data()
    {
        var random = new Random(2024);
        var inside1 = 0;
        var inside3 = 0;
        const int series = 300;
        for (var i = 0; i < series; i++)
        {
            var path = Synthetic.SimpleSmoothing(63, 400, 0.4, 12, random);
            var forecast = DemandModel.Fit(path[..60], 1).Forecast(3);
            inside1 += forecast[0].Lower80 <= path[60] && path[60] <= forecast[0].Upper80 ? 1 : 0;
            inside3 += forecast[2].Lower80 <= path[62] && path[62] <= forecast[2].Upper80 ? 1 : 0;
        }

        // Binomial(300, 0.8) has a standard deviation of 2.3 points: ±6 points is over 2.5 of them.
        Assert.InRange(inside1 / (double)series, 0.74, 0.86);
        Assert.InRange(inside3 / (double)series, 0.74, 0.86);
    }

    [Fact]
    public void Simulated_paths_agree_with_the_forecast_intervals()
    {
        var model = DemandModel.Fit(Synthetic.TrendAndSeason(60, 800, 2, 30, 10, seed: 9), 12);
        var forecast = model.Forecast(6);

        var paths = model.SimulatePaths(6, 20000, new Random(11));

        Assert.Equal(20000, paths.Length);
        for (var h = 0; h < 6; h++)
        {
            var step = paths.Select(p => p[h]).ToArray();
            var width = forecast[h].Upper95 - forecast[h].Lower95;
            Assert.Equal(forecast[h].Mean, step.Mean(), width * 0.02);
            Assert.Equal(forecast[h].Lower80, step.Quantile(0.1), width * 0.03);
            Assert.Equal(forecast[h].Upper80, step.Quantile(0.9), width * 0.03);
            Assert.Equal(forecast[h].Lower95, step.Quantile(0.025), width * 0.03);
            Assert.Equal(forecast[h].Upper95, step.Quantile(0.975), width * 0.03);
        }
    }

    [Fact]
    public void Forecasts_and_paths_of_a_falling_count_stop_at_zero()
    {
        var model = DemandModel.Fit([50, 41, 33, 26, 20, 15, 11, 8, 6, 4], 1);

        var forecast = model.Forecast(10);
        var paths = model.SimulatePaths(10, 500, new Random(4));

        Assert.All(forecast, p => Assert.True(p.Lower95 >= 0 && p.Lower80 >= 0 && p.Mean >= 0));
        Assert.Equal(0, forecast[^1].Lower95);
        Assert.All(paths, path => Assert.All(path, y => Assert.True(y >= 0)));
        Assert.Contains(paths, path => path.Contains(0));
    }

    [Fact]
    public void The_same_history_gives_the_same_forecast_and_the_same_seed_the_same_paths()
    {
        var history = Synthetic.TrendAndSeason(40, 200, 1, 10, 4, seed: 2);

        var first = DemandModel.Fit(history, 12);
        var second = DemandModel.Fit(history, 12);

        Assert.Equal(first.Method, second.Method);
        Assert.Equal(first.Forecast(12), second.Forecast(12));
        Assert.Equal(first.SimulatePaths(12, 5, new Random(8)), second.SimulatePaths(12, 5, new Random(8)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_history_with_a_missing_value_is_refused(double missing) =>
        Assert.Throws<ArgumentException>(() => DemandModel.Fit([10, 12, missing, 11, 13, 12], 1));

    [Fact]
    public void An_empty_history_is_refused() =>
        Assert.Throws<ArgumentException>(() => DemandModel.Fit([], 12));
}
