using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Workforce.Forecasting;

/// <summary>
/// Fits demand (e.g. month-end open cases) with the additive-error exponential smoothing family and picks the model by
/// AICc: simple smoothing ETS(A,N,N), damped trend ETS(A,Ad,N), and, with at least two full seasons, additive seasonality
/// ETS(A,N,A) and ETS(A,Ad,A). Smoothing parameters and the initial level and trend are maximum-likelihood estimates
/// (MathNet's Nelder–Mead simplex on the concentrated Gaussian likelihood), and so are the initial seasonal states, from
/// a start at the first two seasons' detrended means. Deterministic: the same history gives the same model.
/// </summary>
public static class DemandModel
{
    /// <summary>Fewer observations than this are too few to estimate a smoothing model: a random walk stands in.</summary>
    public const int MinimumForSmoothing = 5;

    // The bounds the forecast package uses: damping below 0.8 is hard to tell from no trend, above 0.98 from no damping.
    private const double MinimumPhi = 0.8;
    private const double MaximumPhi = 0.98;

    /// <summary>Fits <paramref name="history"/> (oldest first); <paramref name="seasonLength"/> is 12 for monthly series, 1 for annual.</summary>
    public static IFittedModel Fit(IReadOnlyList<double> history, int seasonLength)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        if (history.Count == 0 || history.Any(y => !double.IsFinite(y)))
        {
            throw new ArgumentException("history needs at least one observation, every one a finite number", nameof(history));
        }

        if (history.All(y => y == history[0]))
        {
            return Benchmarks.Constant(history);
        }

        if (history.Count < MinimumForSmoothing)
        {
            return Benchmarks.RandomWalk(
                history,
                $"Random walk: {history.Count} observations are too few to fit exponential smoothing",
                [$"only {history.Count} observations: the forecast repeats the last one, and intervals rest on {history.Count - 1} changes (Student t, so wide)"]);
        }

        var seasonal = seasonLength > 1 && history.Count >= 2 * seasonLength;
        var candidates = new List<Candidate> { Candidate.Simple, Candidate.DampedTrend };
        if (seasonal)
        {
            candidates.Add(Candidate.AdditiveSeasonal);
            candidates.Add(Candidate.DampedTrendSeasonal);
        }

        var best = candidates
            .Where(c => c.ParameterCount(seasonLength) + 2 < history.Count)
            .Select(c => Estimate(c, history, seasonal ? seasonLength : 1))
            .MinBy(f => f.Aicc)!;
        return best.ToModel(Notes(history.Count, seasonLength, seasonal, best));
    }

    /// <summary>
    /// A short monthly history always says it went without seasonality and how much wider its intervals are than the
    /// normal quantiles would make them; any other history says so once the widening passes 5%.
    /// </summary>
    private static List<string> Notes(int observations, int seasonLength, bool seasonal, Estimated fit)
    {
        var widening = StudentT.InvCDF(0, 1, fit.DegreesOfFreedom, 0.9) / Normal.InvCDF(0, 1, 0.9);
        var widened = string.Create(
            CultureInfo.InvariantCulture, $"intervals widened by {widening - 1:P0} for the few observations (Student t, {fit.DegreesOfFreedom} degrees of freedom)");
        if (seasonLength > 1 && !seasonal)
        {
            return [$"{observations} observations, fewer than two seasons ({2 * seasonLength}): no seasonality fitted; {widened}"];
        }

        return widening > 1.05 ? [$"{observations} observations: {widened}"] : [];
    }

    private static Estimated Estimate(Candidate candidate, IReadOnlyList<double> history, int seasonLength)
    {
        var start = Initial(history, seasonLength, candidate.Seasonal);
        var scale = Math.Max(StandardDeviation(history), 1e-9 * history.Max(Math.Abs));
        var n = history.Count;

        // The unconstrained coordinates: logit α, logit β/α, logit γ/(1 − α), logit of φ within its bounds, then the
        // initial level and trend and the first m − 1 initial seasonal states as offsets in units of the series' spread
        // (the last seasonal state keeps their sum at zero). The maps keep β < α and γ < 1 − α, which with φ < 1 keeps
        // the model forecastable. A model optimises only the coordinates it has.
        var seasonalOffsets = candidate.Seasonal ? seasonLength - 1 : 0;
        double[] full = [Logit(0.3), Logit(0.1), Logit(0.1), Logit(0.5), 0, 0, .. new double[seasonalOffsets]];
        double[] steps = [1, 1, 1, 1, 0.2, 0.05, .. Enumerable.Repeat(0.1, seasonalOffsets)];
        int[] used =
        [
            0, .. candidate.Trend ? new[] { 1 } : [], .. candidate.Seasonal ? new[] { 2 } : [], .. candidate.Trend ? new[] { 3 } : [],
            4, .. candidate.Trend ? new[] { 5 } : [], .. Enumerable.Range(6, seasonalOffsets),
        ];

        (SmoothingParameters Parameters, SmoothingState State) Decode(Vector<double> free)
        {
            var x = (double[])full.Clone();
            for (var i = 0; i < used.Length; i++)
            {
                x[used[i]] = free[i];
            }

            var alpha = Logistic(x[0]);
            var beta = candidate.Trend ? alpha * Logistic(x[1]) : 0;
            var gamma = candidate.Seasonal ? (1 - alpha) * Logistic(x[2]) : 0;
            var phi = candidate.Trend ? MinimumPhi + (MaximumPhi - MinimumPhi) * Logistic(x[3]) : 1;
            var season = (double[])start.Season.Clone();
            for (var j = 0; j < seasonalOffsets; j++)
            {
                season[j] += scale * x[6 + j];
                season[^1] -= scale * x[6 + j];
            }

            var state = new SmoothingState(start.Level + scale * x[4], candidate.Trend ? start.Trend + scale * x[5] : 0, season, 0);
            return (new SmoothingParameters(alpha, beta, gamma, phi), state);
        }

        // Under Gaussian errors with σ concentrated out, maximum likelihood is least squares of the one-step errors.
        double SumOfSquares(Vector<double> free)
        {
            var (parameters, state) = Decode(free);
            var sse = state.SumOfSquaredErrors(parameters, history, out _);
            return double.IsFinite(sse) ? Math.Max(sse, n * 1e-20 * scale * scale) : double.MaxValue;
        }

        var guess = Vector<double>.Build.DenseOfEnumerable(used.Select(i => full[i]));
        var step = Vector<double>.Build.DenseOfEnumerable(used.Select(i => steps[i]));
        var best = Minimise(SumOfSquares, guess, step);
        // Restarts from the optimum escape the simplex collapsing early, as Nelder–Mead can in many dimensions.
        for (var restart = 0; restart < 4; restart++)
        {
            var again = Minimise(SumOfSquares, best, step * 0.25);
            var improved = SumOfSquares(again) < SumOfSquares(best) * (1 - 1e-9);
            best = again;
            if (!improved)
            {
                break;
            }
        }

        var (bestParameters, bestStart) = Decode(best);
        var sse = SumOfSquares(best);
        bestStart.SumOfSquaredErrors(bestParameters, history, out var final);
        var k = candidate.ParameterCount(seasonLength);
        var degreesOfFreedom = n - k;
        var twiceNegativeLogLikelihood = n * (Math.Log(2 * Math.PI * sse / n) + 1);
        var estimatedWithSigma = k + 1;
        var aicc = twiceNegativeLogLikelihood + 2 * estimatedWithSigma + 2.0 * estimatedWithSigma * (estimatedWithSigma + 1) / (n - estimatedWithSigma - 1);
        return new Estimated(candidate, bestParameters, final, Math.Sqrt(sse / degreesOfFreedom), degreesOfFreedom, aicc);
    }

    /// <summary>Nelder–Mead from <paramref name="guess"/>; the best point seen if it runs out of iterations.</summary>
    private static Vector<double> Minimise(Func<Vector<double>, double> objective, Vector<double> guess, Vector<double> step)
    {
        var best = (Value: double.MaxValue, Point: guess);
        var tracked = ObjectiveFunction.Value(x =>
        {
            var value = objective(x);
            if (value < best.Value)
            {
                best = (value, x.Clone());
            }

            return value;
        });
        try
        {
            return new NelderMeadSimplex(1e-10, 20000).FindMinimum(tracked, guess, step).MinimizingPoint;
        }
        catch (MaximumIterationsException)
        {
            return best.Point;
        }
    }

    /// <summary>
    /// Heuristic starting states: a least-squares line through the first two seasons (or the first ten observations
    /// without seasonality) gives level and trend; the seasonal states are the detrended means at each position, summing to zero.
    /// </summary>
    private static SmoothingState Initial(IReadOnlyList<double> history, int seasonLength, bool seasonal)
    {
        var window = history.Take(seasonal ? 2 * seasonLength : Math.Min(history.Count, 10)).ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(Enumerable.Range(0, window.Length).Select(t => (double)t).ToArray(), window);
        var season = new double[seasonal ? seasonLength : 1];
        if (seasonal)
        {
            for (var position = 0; position < seasonLength; position++)
            {
                season[position] = (window[position] - intercept - slope * position + window[position + seasonLength] - intercept - slope * (position + seasonLength)) / 2;
            }

            var mean = season.Average();
            for (var position = 0; position < seasonLength; position++)
            {
                season[position] -= mean;
            }
        }

        // The states before the first observation: one step back along the line.
        return new SmoothingState(intercept - slope, slope, season, 0);
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private sealed record Candidate(string Name, string Description, bool Trend, bool Seasonal)
    {
        public static readonly Candidate Simple = new("ETS(A,N,N)", "simple exponential smoothing", false, false);
        public static readonly Candidate DampedTrend = new("ETS(A,Ad,N)", "additive damped trend", true, false);
        public static readonly Candidate AdditiveSeasonal = new("ETS(A,N,A)", "no trend, additive annual seasonality", false, true);
        public static readonly Candidate DampedTrendSeasonal = new("ETS(A,Ad,A)", "additive damped trend, additive annual seasonality", true, true);

        /// <summary>Estimated parameters and initial states, σ aside: α, level; β, φ, trend; γ and m − 1 free seasonal states.</summary>
        public int ParameterCount(int seasonLength) => 2 + (Trend ? 3 : 0) + (Seasonal ? seasonLength : 0);
    }

    private sealed record Estimated(
        Candidate Candidate, SmoothingParameters Parameters, SmoothingState Final, double Sigma, int DegreesOfFreedom, double Aicc)
    {
        public ExponentialSmoothingModel ToModel(IReadOnlyList<string> notes) =>
            new($"{Candidate.Name}: {Candidate.Description}", Parameters, Final, Sigma, DegreesOfFreedom, notes);
    }
}
