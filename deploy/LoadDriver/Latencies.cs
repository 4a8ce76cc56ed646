using System.Diagnostics;

namespace Workforce.LoadDriver;

/// <summary>Latencies of one kind of call, in milliseconds; thread-safe, so concurrent callers can share one.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private int _errors;

    /// <summary>Calls that failed; their latencies are not counted.</summary>
    public int Errors => _errors;

    public void Fail() => Interlocked.Increment(ref _errors);

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        Add(Stopwatch.GetElapsedTime(start));
        return result;
    }

    /// <summary>The nearest-rank percentile; null when nothing was measured.</summary>
    public double? Percentile(double percent)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return null;
            }

            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public LatencyFigures Figures(TimeSpan over) => new(Count, Count / over.TotalSeconds, Percentile(50), Percentile(99), Errors);
}

/// <summary>Calls that succeeded, their rate over the measuring window, p50 and p99 in milliseconds, and calls that failed.</summary>
public sealed record LatencyFigures(int Calls, double PerSecond, double? P50, double? P99, int Errors = 0);

internal static class Load
{
    public static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs <paramref name="call"/> (worker, call number) from <paramref name="concurrency"/> loops until
    /// <paramref name="duration"/> is up, after a warm-up that is not counted (JIT tiering, pools, caches): a tenth of
    /// the duration, and at least <see cref="MinimumWarmUp"/> (half a second measured a first phase still half-warm).
    /// </summary>
    public static async Task<LatencyFigures> ForAsync(TimeSpan duration, int concurrency, Func<int, int, Task> call)
    {
        await RunAsync(TimeSpan.FromTicks(Math.Max(duration.Ticks / 10, MinimumWarmUp.Ticks)), concurrency, call, new Latencies());
        var latencies = new Latencies();
        var elapsed = await RunAsync(duration, concurrency, call, latencies);
        return latencies.Figures(elapsed);
    }

    private static async Task<TimeSpan> RunAsync(TimeSpan duration, int concurrency, Func<int, int, Task> call, Latencies latencies)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var number = (i * concurrency) + worker;
                try
                {
                    await latencies.TimeAsync(async () =>
                    {
                        await call(worker, number);
                        return 0;
                    });
                }
                catch (Grpc.Core.RpcException)
                {
                    // A failed call is a finding to report, not a reason to stop measuring.
                    latencies.Fail();
                }
            }
        }));
        return clock.Elapsed;
    }
}
