using Benchmarks.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Auth;
using BenchmarksApi = Benchmarks.V1.Benchmarks;

namespace Workforce.ServiceDefaults.Benchmarks;

/// <summary>
/// <c>benchmarks.v1.Benchmarks</c> for the service named <paramref name="service"/>: validation, authorization and the
/// published comparators are shared; the service supplies only its live figure.
/// </summary>
public abstract class BenchmarksService(string service) : BenchmarksApi.BenchmarksBase
{
    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public sealed override async Task<BenchmarkReply> GetBenchmark(BenchmarkRequest request, ServerCallContext context)
    {
        var query = BenchmarkQuery.Parse(request, service, PublishedBenchmarks.Bundled);
        CallerScope.DemandAuthority(context, query.Authority);
        return BenchmarkReplies.Reply(query, await LiveAsync(query, context.CancellationToken));
    }

    /// <summary>The council's own figure for the query's measure at its <c>AsOf</c>, as known at its <c>KnownAt</c>.</summary>
    protected abstract Task<LiveValue> LiveAsync(BenchmarkQuery query, CancellationToken cancellationToken);
}
