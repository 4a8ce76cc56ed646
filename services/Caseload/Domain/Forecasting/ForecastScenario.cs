using System.Globalization;

namespace Caseload.Api.Domain.Forecasting;

/// <summary>Staffing added (positive FTE) or removed (negative) from a date.</summary>
public sealed record FteChange(DateOnly From, decimal Fte, bool Agency);

/// <summary>A what-if applied on top of the base forecast; <see cref="None"/> is the base forecast itself.</summary>
public sealed record ForecastScenario(
    IReadOnlyList<FteChange> FteChanges,
    DateOnly? ConvertAgencyFrom,
    decimal DemandGrowthPercent,
    decimal? Target)
{
    public static ForecastScenario None { get; } = new([], null, 0m, null);

    /// <summary>Multiplier on forecast open cases <paramref name="monthsAhead"/> months after the origin.</summary>
    public double DemandFactor(int monthsAhead) => Math.Pow(1 + (double)DemandGrowthPercent / 100, monthsAhead / 12.0);

    /// <summary>One plain sentence per part applied, for the answer to restate.</summary>
    public IReadOnlyList<string> Describe(decimal councilTarget)
    {
        var parts = new List<string>();
        foreach (var change in FteChanges)
        {
            var verb = change.Fte > 0 ? "Add" : "Remove";
            var contract = change.Agency ? "agency" : "employed";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{verb} {Math.Abs(change.Fte):0.###} FTE of {contract} social workers from {change.From:yyyy-MM-dd}."));
        }

        if (ConvertAgencyFrom is { } from)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Convert agency social workers to employed from {from:yyyy-MM-dd} (they then leave at the employed rate)."));
        }

        if (DemandGrowthPercent != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Change demand by {DemandGrowthPercent:+0.###;-0.###}% a year on top of the forecast."));
        }

        if (Target is { } target && target != councilTarget)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Target of {target:0.###} cases per FTE instead of the council's {councilTarget:0.###}."));
        }

        return parts;
    }
}
