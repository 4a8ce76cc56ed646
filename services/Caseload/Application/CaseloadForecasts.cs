using Caseload.Api.Domain.Forecasting;
using Workforce.Forecasting;

namespace Caseload.Api.Application;

/// <summary>A validated forecast request.</summary>
public sealed record ForecastQuery(
    string Authority,
    string? Team,
    DateOnly Start,
    DateTimeOffset? KnownAt,
    int HorizonMonths,
    ForecastScenario Scenario,
    int SamplePaths,
    ulong Seed);

/// <summary>Everything a forecast answer shows: the history it learnt from, the methods and assumptions, and the months ahead.</summary>
public sealed record ForecastAnswer(
    DateOnly Origin,
    IReadOnlyList<HistoryMonth> History,
    IFittedModel Demand,
    StaffingOutlook Staffing,
    CaseloadForecast Forecast);

public static class CaseloadForecasts
{
    /// <summary>The forecast for a snapshot, or null when the scope has no open case up to the origin to learn from.</summary>
    public static ForecastAnswer? Run(CaseloadSnapshot snapshot, ForecastQuery request, FrozenHistory? frozen = null)
    {
        var origin = CaseloadHistory.MonthEndOnOrBefore(request.Start);
        var history = CaseloadHistory.Build(snapshot.Cases, snapshot.Workers, origin, request.Team, frozen, snapshot.Holdings.Value);
        if (history.Count == 0)
        {
            return null;
        }

        var monthEnds = Enumerable.Range(1, request.HorizonMonths)
            .Select(months => CaseloadHistory.MonthEnd(new DateOnly(origin.Year, origin.Month, 1).AddMonths(months)))
            .ToList();
        var settings = snapshot.SettingsOn(origin);
        var demand = DemandModel.Fit(history.Select(h => (double)h.OpenCases).ToList(), seasonLength: 12);
        var staffing = StaffingOutlook.From(snapshot.Cases, snapshot.Workers, origin, monthEnds, request.Team, settings.AsyeCaseloadWeight, snapshot.Holdings.Value);
        var forecast = CaseloadForecaster.Run(demand, staffing, monthEnds, settings.CaseloadTarget, request.Scenario, request.SamplePaths, request.Seed);
        return new ForecastAnswer(origin, history, demand, staffing, forecast);
    }
}
