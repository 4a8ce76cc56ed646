using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;

namespace Workforce.HostileInput;

public sealed record BarrageOptions(IReadOnlyDictionary<string, Uri> Services, TokenSettings Tokens, int Requests, int Seed, Councils Councils, int Concurrency = 8);

/// <summary>One request and what became of it.</summary>
public sealed record Result(HostileRequest Request, Outcome Outcome)
{
    /// <summary>A status that says the service failed rather than the input: never acceptable.</summary>
    public bool IsServerFault => Outcome.Status is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss;

    public bool MissesViolations => Outcome.Status == StatusCode.InvalidArgument && Outcome.Violations.Count == 0;

    public bool IsUnexpected => Request.Expected is { } expected && Outcome.Status != expected;
}

/// <summary>
/// Seeds two councils with valid data, exports every service's data, sends the barrage, exports again: rejected
/// input must have changed nothing.
/// </summary>
public sealed class Barrage(BarrageOptions options, DataExport export)
{
    public async Task<BarrageReport> RunAsync(Action<string>? log = null)
    {
        log ??= _ => { };
        var tokens = new Tokens(options.Tokens);
        using var client = new HostileClient(options.Services);
        await SeedAsync(client, tokens);
        var before = await export.SettledAsync(TimeSpan.FromSeconds(120));
        log($"Seeded; export before: {before.Rows} rows, sha256 {before.Sha256}.");

        var requests = new HostileGenerator(options.Councils, tokens, options.Seed).Generate(options.Requests);
        log($"Generated {requests.Count} requests ({requests.Sum(r => r.Bytes) / (1024 * 1024)} MiB) from seed {options.Seed}.");
        var results = new ConcurrentBag<Result>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (request, _) =>
            results.Add(new Result(request, await client.SendAsync(request))));
        clock.Stop();

        var after = await export.SettledAsync(TimeSpan.FromSeconds(120));
        log($"Export after: {after.Rows} rows, sha256 {after.Sha256}.");
        return new BarrageReport([.. results.OrderBy(r => r.Request.Index)], before, after, clock.Elapsed);
    }

    private async Task SeedAsync(HostileClient client, Tokens tokens)
    {
        foreach (var authority in new[] { options.Councils.Main, options.Councils.Other })
        {
            foreach (var (rpc, message) in Catalogue.SeedData(authority))
            {
                var request = new HostileRequest(-1, rpc.Service, rpc.Name, rpc.Method, false, "(seed)", Category.Empty, "seed", [HostileGenerator.Bytes(message)], tokens.Valid(authority), Framing.Grpc, StatusCode.OK, false);
                var outcome = await client.SendAsync(request);
                if (outcome.Status != StatusCode.OK)
                {
                    throw new InvalidOperationException($"Seeding {rpc.Label} for {authority} failed: {outcome.Status} {outcome.Message}");
                }
            }
        }
    }
}
