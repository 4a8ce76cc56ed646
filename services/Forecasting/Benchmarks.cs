namespace Workforce.Forecasting;

/// <summary>
/// The benchmarks a forecasting method must beat, as exponential smoothing models with fixed parameters, so their
/// intervals come from the same formulas: the naive forecast (a random walk, ETS(A,N,N) with α = 1) and the seasonal
/// naive (each position repeats its value a season ago, ETS(A,N,A) with α = 0, γ = 1). σ is the root mean square of
/// their own in-sample one-step errors.
/// </summary>
public static class Benchmarks
{
    /// <summary>Repeats the last observation; the h-step variance is hσ².</summary>
    public static IFittedModel Naive(IReadOnlyList<double> history) =>
        RandomWalk(history, "Naive: repeats the last observation", []);

    /// <summary>
    /// Repeats the observation one season before; the h-step variance is (1 + ⌊(h − 1)/m⌋)σ². With no more than a season
    /// of history it is the naive forecast.
    /// </summary>
    public static IFittedModel SeasonalNaive(IReadOnlyList<double> history, int seasonLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        if (seasonLength == 1 || history.Count <= seasonLength)
        {
            return RandomWalk(history, "Seasonal naive: repeats the last observation", seasonLength == 1 ? [] : [$"{history.Count} observations, no more than a season: the naive forecast"]);
        }

        var season = new double[seasonLength];
        for (var t = history.Count - seasonLength; t < history.Count; t++)
        {
            season[t % seasonLength] = history[t];
        }

        var errors = Enumerable.Range(seasonLength, history.Count - seasonLength).Select(t => history[t] - history[t - seasonLength]).ToList();
        return new ExponentialSmoothingModel(
            $"Seasonal naive: repeats the observation {seasonLength} steps before",
            new SmoothingParameters(0, 0, 1, 1),
            new SmoothingState(0, 0, season, history.Count),
            RootMeanSquare(errors),
            errors.Count,
            []);
    }

    internal static ExponentialSmoothingModel RandomWalk(IReadOnlyList<double> history, string method, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("history needs at least one observation", nameof(history));
        }

        var changes = Enumerable.Range(1, history.Count - 1).Select(t => history[t] - history[t - 1]).ToList();
        return new ExponentialSmoothingModel(
            method, new SmoothingParameters(1, 0, 0, 1), new SmoothingState(history[^1], 0, [0], history.Count), RootMeanSquare(changes), changes.Count, notes);
    }

    /// <summary>A series that never changed forecasts itself, with zero-width intervals: there is no spread to go on.</summary>
    internal static ExponentialSmoothingModel Constant(IReadOnlyList<double> history) =>
        RandomWalk(
            history,
            "Constant: repeats the only value observed",
            [history.Count == 1
                ? "a single observation: no spread can be estimated, so the intervals have zero width"
                : $"all {history.Count} observations are equal: the intervals have zero width"]);

    private static double RootMeanSquare(IReadOnlyList<double> errors) =>
        errors.Count == 0 ? 0 : Math.Sqrt(errors.Sum(e => e * e) / errors.Count);
}
