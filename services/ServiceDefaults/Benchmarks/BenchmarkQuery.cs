using Benchmarks.V1;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Grpc;

namespace Workforce.ServiceDefaults.Benchmarks;

/// <summary>
/// A validated benchmark request: the published comparison it asks for, and when and as known when to take the live
/// figure. Each service answers only the measures it owns; another measure names the service that does.
/// </summary>
public sealed record BenchmarkQuery(Benchmark Published, DateOnly AsOf, DateTimeOffset? KnownAt)
{
    private static readonly Dictionary<Measure, (BenchmarkMeasure Measure, string Service)> Measures = new()
    {
        [Measure.AgencyRate] = (BenchmarkMeasure.AgencyRate, "workforce"),
        [Measure.TurnoverRate] = (BenchmarkMeasure.TurnoverRate, "workforce"),
        [Measure.VacancyRate] = (BenchmarkMeasure.VacancyRate, "workforce"),
        [Measure.Caseload] = (BenchmarkMeasure.Caseload, "caseload"),
    };

    public string Authority => Published.Authority;

    public static Measure ToProto(BenchmarkMeasure measure) => Measures.Single(m => m.Value.Measure == measure).Key;

    public static BenchmarkQuery Parse(BenchmarkRequest request, string service, PublishedBenchmarks files)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        var problems = files.Check(request.Authority, request.Release, request.Year)
            .Where(p => !violations.Any || p.Field != "authority");
        foreach (var problem in problems)
        {
            violations.Add(problem.Field, problem.Message);
        }

        var served = Measures.Where(m => m.Value.Service == service).Select(m => m.Key).ToList();
        if (!Measures.TryGetValue(request.Measure, out var measure))
        {
            violations.Add("measure", $"must be one of {string.Join(", ", served)} here");
        }
        else if (measure.Service != service)
        {
            violations.Add("measure", $"{request.Measure} is answered by the {measure.Service} service's Benchmarks; here: {string.Join(", ", served)}");
        }

        var asOf = default(DateOnly);
        if (request.AsOf is not null && !Dates.TryToQueryDate(request.AsOf, out asOf))
        {
            violations.Add("as_of", "must be a valid date from 1900 to 2199");
        }

        var knownAt = Dates.KnownAt(request.KnownAt, violations);
        violations.ThrowIfAny();

        var published = files.Compare(request.Authority, measure.Measure, request.Release, request.Year);
        return new BenchmarkQuery(published, request.AsOf is null ? published.ReferenceDate : asOf, knownAt);
    }
}
