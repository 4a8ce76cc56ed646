using MathNet.Numerics.Distributions;

namespace Workforce.Forecasting;

/// <summary>
/// Smoothing parameters of an additive-error exponential smoothing model in state-space form (Hyndman, Koehler, Ord and
/// Snyder, "Forecasting with Exponential Smoothing", 2008): with error e_t = y_t − (ℓ + φb + s_{t−m}),
/// ℓ_t = ℓ_{t−1} + φb_{t−1} + αe_t, b_t = φb_{t−1} + βe_t, s_t = s_{t−m} + γe_t.
/// A model without trend has β = 0 and no trend state; one without seasonality has γ = 0 and a season of length 1.
/// </summary>
public readonly record struct SmoothingParameters(double Alpha, double Beta, double Gamma, double Phi);

/// <summary>
/// Level, trend and one seasonal state per position in the season (position = time mod season length), after
/// <see cref="Time"/> observations.
/// </summary>
public sealed record SmoothingState(double Level, double Trend, double[] Season, int Time)
{
    internal int Position(int time) => time % Season.Length;

    internal double Predicted(SmoothingParameters p) => Level + p.Phi * Trend + Season[Position(Time)];

    /// <summary>The states once the observation at <see cref="Time"/> is taken in.</summary>
    internal SmoothingState Next(SmoothingParameters p, double observed)
    {
        var error = observed - Predicted(p);
        var season = (double[])Season.Clone();
        season[Position(Time)] += p.Gamma * error;
        return new SmoothingState(Level + p.Phi * Trend + p.Alpha * error, p.Phi * Trend + p.Beta * error, season, Time + 1);
    }

    /// <summary>Sum of squared one-step errors over <paramref name="series"/> from this state; the final state too.</summary>
    internal double SumOfSquaredErrors(SmoothingParameters p, IReadOnlyList<double> series, out SmoothingState final)
    {
        // In place rather than through Update: this runs thousands of times per fit.
        var level = Level;
        var trend = Trend;
        var season = (double[])Season.Clone();
        var sse = 0.0;
        for (var i = 0; i < series.Count; i++)
        {
            var position = Position(Time + i);
            var error = series[i] - (level + p.Phi * trend + season[position]);
            sse += error * error;
            level += p.Phi * trend + p.Alpha * error;
            trend = p.Phi * trend + p.Beta * error;
            season[position] += p.Gamma * error;
        }

        final = new SmoothingState(level, trend, season, Time + series.Count);
        return sse;
    }
}

/// <summary>
/// A fitted additive-error exponential smoothing model (ETS class 1). Point forecasts are the model's expectations; the
/// h-step variance is σ²(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α + β(φ + … + φ^j) + γ·[j is a multiple of m]
/// (Hyndman et al. 2008, table 6.1), and intervals take Student t quantiles with the residual degrees of freedom, so a
/// short history, whose σ is poorly known, gets wider intervals. Forecasts and paths are truncated at zero: they are counts.
/// </summary>
public sealed class ExponentialSmoothingModel(
    string method, SmoothingParameters parameters, SmoothingState state, double residualStandardDeviation, int degreesOfFreedom, IReadOnlyList<string> notes)
    : IFittedModel
{
    public string Method { get; } = method;

    public IReadOnlyList<string> Notes { get; } = notes;

    public SmoothingParameters Parameters { get; } = parameters;

    /// <summary>The states after the last observation, which the forecasts start from.</summary>
    public SmoothingState State { get; } = state;

    /// <summary>σ: the root mean square one-step error, over the residual degrees of freedom.</summary>
    public double ResidualStandardDeviation { get; } = residualStandardDeviation;

    /// <summary>Observations less estimated parameters and initial states; the Student t intervals use it.</summary>
    public int DegreesOfFreedom { get; } = degreesOfFreedom;

    /// <summary>The multiplier of a step's standard deviation that gives the two-sided interval at <paramref name="level"/>.</summary>
    public double IntervalMultiplier(double level) =>
        StudentT.InvCDF(0, 1, Math.Max(1, DegreesOfFreedom), 0.5 + level / 2);

    public IReadOnlyList<ForecastPoint> Forecast(int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var multiplier80 = ResidualStandardDeviation > 0 ? IntervalMultiplier(0.8) : 0;
        var multiplier95 = ResidualStandardDeviation > 0 ? IntervalMultiplier(0.95) : 0;
        var points = new ForecastPoint[horizon];
        var varianceFactor = 1.0;
        for (var h = 1; h <= horizon; h++)
        {
            if (h > 1)
            {
                var c = ErrorWeight(h - 1);
                varianceFactor += c * c;
            }

            var mean = Expected(h);
            var sd = ResidualStandardDeviation * Math.Sqrt(varianceFactor);
            points[h - 1] = new ForecastPoint(
                Count(mean), Count(mean - multiplier80 * sd), Count(mean + multiplier80 * sd), Count(mean - multiplier95 * sd), Count(mean + multiplier95 * sd));
        }

        return points;
    }

    /// <summary>
    /// Runs the model forward with errors σ·u·z, z standard normal per step and u = √(ν/χ²_ν) per path, so each step's
    /// marginal is the scaled Student t of <see cref="Forecast"/>. States run on below zero; only the reported counts stop at it.
    /// </summary>
    public double[][] SimulatePaths(int horizon, int paths, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        ArgumentNullException.ThrowIfNull(random);
        var result = new double[paths][];
        for (var path = 0; path < paths; path++)
        {
            var scale = ResidualStandardDeviation > 0
                ? ResidualStandardDeviation * Math.Sqrt(DegreesOfFreedom / ChiSquared.Sample(random, Math.Max(1, DegreesOfFreedom)))
                : 0;
            var current = State;
            result[path] = new double[horizon];
            for (var step = 0; step < horizon; step++)
            {
                var observed = current.Predicted(Parameters) + scale * Normal.Sample(random, 0, 1);
                current = current.Next(Parameters, observed);
                result[path][step] = Count(observed);
            }
        }

        return result;
    }

    private double Expected(int h) =>
        State.Level + DampedSum(h) * State.Trend + State.Season[State.Position(State.Time + h - 1)];

    /// <summary>c_j: how much an error now moves the forecast j steps later.</summary>
    private double ErrorWeight(int j)
    {
        var seasonal = State.Season.Length > 1 && j % State.Season.Length == 0 ? Parameters.Gamma : 0;
        return Parameters.Alpha + Parameters.Beta * DampedSum(j) + seasonal;
    }

    /// <summary>φ + φ² + … + φ^h: how much of today's trend h steps carry.</summary>
    private double DampedSum(int h)
    {
        var sum = 0.0;
        var power = 1.0;
        for (var j = 1; j <= h; j++)
        {
            power *= Parameters.Phi;
            sum += power;
        }

        return sum;
    }

    private static double Count(double value) => Math.Max(0, value);
}
