using Workforce.Api.Application;
using Workforce.Api.Domain;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Benchmarks;

namespace Workforce.Api.Grpc;

/// <summary>The workforce measures (agency rate, turnover, vacancy) live from the register, beside the published figures.</summary>
public sealed class WorkforceBenchmarksService(RegisterReader reader) : BenchmarksService(Extensions.ServiceName)
{
    protected override async Task<LiveValue> LiveAsync(BenchmarkQuery query, CancellationToken cancellationToken)
    {
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, cancellationToken);
        var (value, source) = query.Published.Measure switch
        {
            BenchmarkMeasure.AgencyRate => (WorkforceFigures.AgencyRateOn(register, query.AsOf, Scope.Council).RateByFtePercent, "GetAgencyRate (rate_by_fte_percent)"),
            BenchmarkMeasure.TurnoverRate => (WorkforceFigures.StabilityForYearTo(register, query.AsOf, Scope.Council).TurnoverRatePercent, "GetWorkforceStability (turnover_rate_percent)"),
            _ => (WorkforceFigures.StabilityForYearTo(register, query.AsOf, Scope.Council).VacancyRatePercent, "GetWorkforceStability (vacancy_rate_percent)"),
        };
        return new LiveValue(value, query.AsOf, "workforce.v1.StaffRegister/" + source, register.Watermark);
    }
}
