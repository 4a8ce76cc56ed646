namespace Workforce.Benchmarks;

/// <summary>The published measures a council is benchmarked on: three rates (percent) and the average caseload (cases per FTE).</summary>
public enum BenchmarkMeasure
{
    /// <summary>Agency FTE ÷ (agency + directly employed FTE), <c>agency_rate_fte</c>.</summary>
    AgencyRate,

    /// <summary>Directly employed leavers' FTE in the year ÷ directly employed FTE in post, <c>turnover_rate_fte</c>.</summary>
    TurnoverRate,

    /// <summary>Vacant FTE ÷ (vacant + directly employed FTE), <c>vacancy_rate_fte</c>.</summary>
    VacancyRate,

    /// <summary>Cases held ÷ FTE of the social workers holding them, <c>caseload_fte</c>.</summary>
    Caseload,
}

public static class BenchmarkMeasures
{
    /// <summary>The indicator file's column for the measure.</summary>
    public static string Column(this BenchmarkMeasure measure) => measure switch
    {
        BenchmarkMeasure.AgencyRate => "agency_rate_fte",
        BenchmarkMeasure.TurnoverRate => "turnover_rate_fte",
        BenchmarkMeasure.VacancyRate => "vacancy_rate_fte",
        BenchmarkMeasure.Caseload => "caseload_fte",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };
}
