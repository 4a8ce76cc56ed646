using System.Globalization;
using Workforce.SyntheticEngland;
using Workforce.Testing;

namespace Workforce.LoadDriver;

public sealed record LoadOptions
{
    public const string Usage =
        "usage: dotnet run -c Release --project deploy/LoadDriver -- [--councils N] [--years 2025] [--authority 841]... [--seed S] [--no-supervision] " +
        "[--sqlite] [--port-base 50000] [--senders 4] [--concurrency 64] [--query-seconds 5] [--visible-timeout 300] [--raw-messages N] [--window-check N] [--out reports/load] [--run-dir .run/load]";

    public EnglandOptions England { get; init; } = new();

    /// <summary>The services' storage: PostgreSQL, the production choice for many councils, unless --sqlite.</summary>
    public bool Postgres { get; init; } = true;

    /// <summary>The private broker listens on this plus 672-674, PostgreSQL on this plus 432.</summary>
    public int PortBase { get; init; } = 50_000;

    /// <summary>Councils pushed at once.</summary>
    public int Senders { get; init; } = 4;

    /// <summary>Calls in flight while measuring query throughput (the gRPC floor uses the same).</summary>
    public int Concurrency { get; init; } = 64;

    public TimeSpan QueryDuration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan VisibleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Messages through the raw broker; by default as many as the run's changes, within 10,000-200,000.</summary>
    public int? RawMessages { get; init; }

    /// <summary>
    /// All-council target-progress calls made one after another over a channel with HTTP/2's default 64 KiB stream
    /// window, then as many over the suite's clients' window; 0 (the default) makes none.
    /// </summary>
    public int WindowCheckCalls { get; init; }

    public string Out { get; init; } = Path.Combine("reports", "load");

    /// <summary>Where the broker, PostgreSQL and the services keep their data and logs (the broker's and services' are wiped each run).</summary>
    public string RunDirectory { get; init; } = Path.Combine(RepositoryPaths.Root, ".run", "load");

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions { England = EnglandCommandLine.Parse(args, out var rest) };
        for (var i = 0; i < rest.Count; i++)
        {
            string Value() => i + 1 < rest.Count ? rest[++i] : throw new ArgumentException($"{rest[i]} needs a value");
            int Whole() => int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{rest[i - 1]} {rest[i]} is not a positive whole number");
            options = rest[i] switch
            {
                "--sqlite" => options with { Postgres = false },
                "--port-base" => options with { PortBase = Whole() is var b and <= 64_000 ? b : throw new ArgumentException("--port-base must be at most 64000") },
                "--senders" => options with { Senders = Whole() },
                "--concurrency" => options with { Concurrency = Whole() },
                "--query-seconds" => options with { QueryDuration = TimeSpan.FromSeconds(Whole()) },
                "--visible-timeout" => options with { VisibleTimeout = TimeSpan.FromSeconds(Whole()) },
                "--raw-messages" => options with { RawMessages = Whole() },
                "--window-check" => options with { WindowCheckCalls = Whole() },
                "--out" => options with { Out = Value() },
                "--run-dir" => options with { RunDirectory = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"unknown argument {rest[i]}"),
            };
        }

        return options;
    }
}
