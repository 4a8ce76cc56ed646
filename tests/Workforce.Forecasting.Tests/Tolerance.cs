namespace Workforce.Forecasting.Tests;

/// <summary>Compares figures to within a tolerance, for checking sequences against hand-worked or published values.</summary>
internal sealed class Tolerance(double within) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= within;

    public int GetHashCode(double value) => 0;
}
