using Benchmarks.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Workforce.Api.Application;
using Workforce.Api.Domain;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Benchmarks;
using BenchmarksApi = Benchmarks.V1.Benchmarks;

namespace Workforce.Api.Grpc;

/// <summary>The workforce measures (agency rate, turnover, vacancy) live from the register, beside the published figures.</summary>
public sealed class WorkforceBenchmarksService(RegisterReader reader) : BenchmarksApi.BenchmarksBase
{
    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<BenchmarkReply> GetBenchmark(BenchmarkRequest request, ServerCallContext context)
    {
        var query = BenchmarkQuery.Parse(request, Extensions.ServiceName, PublishedBenchmarks.Bundled);
        CallerScope.DemandAuthority(context, query.Authority);
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var live = query.Published.Measure switch
        {
            BenchmarkMeasure.AgencyRate => new LiveValue(WorkforceFigures.AgencyRateOn(register, query.AsOf, Scope.Council).RateByFtePercent, query.AsOf,
                "workforce.v1.StaffRegister/GetAgencyRate (rate_by_fte_percent)", register.Watermark),
            BenchmarkMeasure.TurnoverRate => new LiveValue(WorkforceFigures.StabilityForYearTo(register, query.AsOf, Scope.Council).TurnoverRatePercent, query.AsOf,
                "workforce.v1.StaffRegister/GetWorkforceStability (turnover_rate_percent)", register.Watermark),
            _ => new LiveValue(WorkforceFigures.StabilityForYearTo(register, query.AsOf, Scope.Council).VacancyRatePercent, query.AsOf,
                "workforce.v1.StaffRegister/GetWorkforceStability (vacancy_rate_percent)", register.Watermark),
        };
        return BenchmarkReplies.Reply(query, live);
    }
}
