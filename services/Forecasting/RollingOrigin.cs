using MathNet.Numerics.Statistics;

namespace Workforce.Forecasting;

/// <summary>A way to forecast a series, by name: fits a history with a season length.</summary>
public sealed record ForecastMethod(string Name, Func<IReadOnlyList<double>, int, IFittedModel> Fit)
{
    public static readonly ForecastMethod ExponentialSmoothing = new("ETS", DemandModel.Fit);

    public static readonly ForecastMethod Naive = new("naive", (history, _) => Benchmarks.Naive(history));

    public static readonly ForecastMethod SeasonalNaive = new("seasonal naive", Benchmarks.SeasonalNaive);
}

/// <summary>
/// One forecast set against what happened: made at <see cref="Origin"/> (the number of observations it was fitted to)
/// for <see cref="Horizon"/> steps ahead. <see cref="Scale"/> is the MASE denominator of the origin's training data;
/// <see cref="FittedModel"/> what the method fitted there (for ETS, the form AICc chose).
/// </summary>
public sealed record ForecastOutcome(string Series, string Method, int Origin, int Horizon, double Actual, ForecastPoint Forecast, double Scale, string FittedModel)
{
    public double Error => Actual - Forecast.Mean;

    /// <summary>|error| / |actual| in percent; NaN when the actual is zero, and then left out of averages.</summary>
    public double AbsolutePercentageError => Actual == 0 ? double.NaN : 100 * Math.Abs(Error) / Math.Abs(Actual);

    /// <summary>|error| / scale; NaN when the training data gave the scaling benchmark no error at all.</summary>
    public double AbsoluteScaledError => Scale > 0 ? Math.Abs(Error) / Scale : double.NaN;

    public bool Within80 => Forecast.Lower80 <= Actual && Actual <= Forecast.Upper80;

    public bool Within95 => Forecast.Lower95 <= Actual && Actual <= Forecast.Upper95;
}

/// <summary>
/// Rolling-origin evaluation (Tashman 2000; Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", §5.10):
/// at each origin every method is fitted to the observations before it alone and forecasts the horizons ahead, so
/// nothing it forecasts was seen in fitting.
/// </summary>
public static class RollingOrigin
{
    /// <summary>Origins from <paramref name="minimumTraining"/> observations to the last that still has one to forecast.</summary>
    public static IEnumerable<int> Origins(int seriesLength, int minimumTraining) =>
        Enumerable.Range(minimumTraining, Math.Max(0, seriesLength - minimumTraining));

    /// <summary>
    /// The outcomes of every method at every origin for every horizon whose target lies inside the series.
    /// MASE's scale at an origin is the in-sample mean absolute error of the seasonal naive forecast (lag = season
    /// length) on its training data when the series is seasonal and has more than a season, else of the naive one (lag 1).
    /// </summary>
    public static IReadOnlyList<ForecastOutcome> Evaluate(
        string seriesName, IReadOnlyList<double> series, int seasonLength, IEnumerable<int> origins, IReadOnlyList<int> horizons, IReadOnlyList<ForecastMethod> methods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizons.Count, 1);
        var outcomes = new List<ForecastOutcome>();
        foreach (var origin in origins)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(origin, 1);
            var reachable = horizons.Where(h => origin + h - 1 < series.Count).ToList();
            if (reachable.Count == 0)
            {
                continue;
            }

            var training = series.Take(origin).ToList();
            var scale = ScalingError(training, seasonLength > 1 && origin > seasonLength ? seasonLength : 1);
            foreach (var method in methods)
            {
                var model = method.Fit(training, seasonLength);
                var forecast = model.Forecast(reachable.Max());
                outcomes.AddRange(reachable.Select(h => new ForecastOutcome(seriesName, method.Name, origin, h, series[origin + h - 1], forecast[h - 1], scale, model.Method)));
            }
        }

        return outcomes;
    }

    /// <summary>Mean absolute error of forecasting each observation by the one <paramref name="lag"/> before it.</summary>
    public static double ScalingError(IReadOnlyList<double> training, int lag) =>
        training.Count <= lag ? double.NaN : Enumerable.Range(lag, training.Count - lag).Average(t => Math.Abs(training[t] - training[t - lag]));
}

/// <summary>
/// Accuracy of a set of forecasts: mean and median absolute percentage error (percent), MASE (mean absolute scaled
/// error), and the share of actuals inside the 80% and 95% intervals. Forecasts whose APE or scaled error is undefined
/// (zero actual, zero scale) are left out of that measure alone.
/// </summary>
public sealed record Accuracy(int Forecasts, double Mape, double MedianApe, double Mase, double Coverage80, double Coverage95)
{
    public static Accuracy Of(IEnumerable<ForecastOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var percentageErrors = list.Select(o => o.AbsolutePercentageError).Where(double.IsFinite).ToList();
        var scaledErrors = list.Select(o => o.AbsoluteScaledError).Where(double.IsFinite).ToList();
        return new Accuracy(
            list.Count,
            percentageErrors.Count == 0 ? double.NaN : percentageErrors.Average(),
            percentageErrors.Count == 0 ? double.NaN : percentageErrors.Median(),
            scaledErrors.Count == 0 ? double.NaN : scaledErrors.Average(),
            list.Count == 0 ? double.NaN : list.Count(o => o.Within80) / (double)list.Count,
            list.Count == 0 ? double.NaN : list.Count(o => o.Within95) / (double)list.Count);
    }
}
