using Caseload.Api.Application;
using Caseload.Api.Domain;
using Workforce.ServiceDefaults.Benchmarks;

namespace Caseload.Api.Grpc;

/// <summary>The DfE average caseload live from the allocations, beside the published figures.</summary>
public sealed class CaseloadBenchmarksService(CaseloadReader reader) : BenchmarksService(Extensions.ServiceName)
{
    protected override async Task<LiveValue> LiveAsync(BenchmarkQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, cancellationToken);
        var settings = snapshot.SettingsOn(query.AsOf);
        var progress = CaseloadFigures.At(snapshot.Holdings.Value, snapshot.Workers, query.AsOf,
            new CaseloadOptions(settings.CaseloadTarget, settings.CaseloadThresholds, settings.AsyeCaseloadWeight, false, null, null));
        var latest = new[] { snapshot.AllocationsRecordedAt, snapshot.WorkforceRecordedAt }.Max();
        return new LiveValue(progress.Unadjusted.AverageCaseload, query.AsOf, "caseload.v1.CaseAllocations/GetTargetProgress (unadjusted.average_caseload)", latest);
    }
}
