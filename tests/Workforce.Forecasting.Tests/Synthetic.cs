using MathNet.Numerics.Distributions;

namespace Workforce.Forecasting.Tests;

/// <summary>Seeded series with known structure, for checking what a fit recovers.</summary>
internal static class Synthetic
{
    /// <summary>level + slope·t + amplitude·sin(2πt/12) + N(0, noise²), t = 0, 1, …</summary>
    public static double[] TrendAndSeason(int length, double level, double slope, double amplitude, double noise, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(t => Expected(t, level, slope, amplitude) + noise * Normal.Sample(random, 0, 1)).ToArray();
    }

    public static double Expected(int t, double level, double slope, double amplitude) =>
        level + slope * t + amplitude * Math.Sin(2 * Math.PI * t / 12);

    /// <summary>A path of ETS(A,N,N): y_t = ℓ_{t−1} + e_t, ℓ_t = ℓ_{t−1} + αe_t, e_t ~ N(0, σ²).</summary>
    public static double[] SimpleSmoothing(int length, double level, double alpha, double sigma, Random random)
    {
        var series = new double[length];
        for (var t = 0; t < length; t++)
        {
            var error = sigma * Normal.Sample(random, 0, 1);
            series[t] = level + error;
            level += alpha * error;
        }

        return series;
    }
}
