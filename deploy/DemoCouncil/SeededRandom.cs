namespace Workforce.DemoCouncil;

/// <summary>
/// SplitMix64: the same seed gives the same demo council on every runtime, which <see cref="Random"/> with a seed
/// does not promise.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private ulong _state = (ulong)seed;

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Between(int min, int max) => min + (int)(NextDouble() * (max - min + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Between(0, items.Count - 1)];

    private ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
