namespace Workforce.Forecasting;

/// <summary>A forecast for one step ahead: the point forecast and its 80% and 95% prediction intervals, none below zero.</summary>
public readonly record struct ForecastPoint(double Mean, double Lower80, double Upper80, double Lower95, double Upper95);

/// <summary>A model fitted to one series, ready to forecast it.</summary>
public interface IFittedModel
{
    /// <summary>What was fitted, in words, e.g. "ETS(A,Ad,A): additive damped trend, additive annual seasonality".</summary>
    string Method { get; }

    /// <summary>Caveats a reader of the forecast should see, e.g. that a short history got wider intervals.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Steps 1..<paramref name="horizon"/> ahead, with model-based prediction intervals, truncated at zero.</summary>
    IReadOnlyList<ForecastPoint> Forecast(int horizon);

    /// <summary>
    /// Sample future paths, [path][step], drawn from the same predictive distribution as <see cref="Forecast"/>'s intervals
    /// (so their quantiles at each step agree with them), truncated at zero.
    /// </summary>
    double[][] SimulatePaths(int horizon, int paths, Random random);
}
