using Benchmarks.V1;
using Caseload.Api.Application;
using Caseload.Api.Domain;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Benchmarks;
using BenchmarksApi = Benchmarks.V1.Benchmarks;

namespace Caseload.Api.Grpc;

/// <summary>The DfE average caseload live from the allocations, beside the published figures.</summary>
public sealed class CaseloadBenchmarksService(CaseloadReader reader) : BenchmarksApi.BenchmarksBase
{
    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<BenchmarkReply> GetBenchmark(BenchmarkRequest request, ServerCallContext context)
    {
        var query = BenchmarkQuery.Parse(request, Extensions.ServiceName, PublishedBenchmarks.Bundled);
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var settings = snapshot.SettingsOn(query.AsOf);
        var progress = CaseloadFigures.At(snapshot.Cases, snapshot.Workers, query.AsOf,
            new CaseloadOptions(settings.CaseloadTarget, settings.CaseloadThresholds, settings.AsyeCaseloadWeight, false, null, null));
        var latest = new[] { snapshot.AllocationsRecordedAt, snapshot.WorkforceRecordedAt }.Max();
        return BenchmarkReplies.Reply(query, new LiveValue(progress.Unadjusted.AverageCaseload, query.AsOf,
            "caseload.v1.CaseAllocations/GetTargetProgress (unadjusted.average_caseload)", latest));
    }
}
