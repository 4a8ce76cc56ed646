using Caseload.Api.Application;
using Caseload.Api.Domain.Forecasting;
using Caseload.V1;
using Workforce.ServiceDefaults.Grpc;

namespace Caseload.Api.Grpc;

/// <summary>Validates a forecast request at the edge, naming every invalid field.</summary>
public static class ForecastRequestParser
{
    public const int DefaultHorizonMonths = 12;
    public const int MaxHorizonMonths = 24;
    public const int DefaultSamplePaths = 1000;
    public const int MinSamplePaths = 100;
    public const int MaxSamplePaths = 10_000;
    public const ulong DefaultSeed = 1;
    private const int MaxFteChanges = 50;
    private const double MaxFteChange = 1000;
    private const double MaxDemandGrowthPercent = 100;
    private const double MaxTarget = 100;

    public static ForecastQuery Parse(CaseloadForecastRequest request, TimeProvider clock)
    {
        var violations = new FieldViolations();
        var query = CaseloadQuery.Parse(request.Authority, request.Team, V1.CaseCategory.Unspecified, request.Start, request.KnownAt, clock, violations);
        if (query.AsOf.Year < 2 || query.AsOf.Year > 9997)
        {
            violations.Add("start", "must leave room for the history and horizon (years 0002 to 9997)");
        }

        if (request.HorizonMonths is < 0 or > MaxHorizonMonths)
        {
            violations.Add("horizon_months", $"must be from 1 to {MaxHorizonMonths} (0: {DefaultHorizonMonths})");
        }

        if (request.SamplePaths != 0 && request.SamplePaths is < MinSamplePaths or > MaxSamplePaths)
        {
            violations.Add("sample_paths", $"must be from {MinSamplePaths} to {MaxSamplePaths} (0: {DefaultSamplePaths})");
        }

        var scenario = ParseScenario(request.Scenario, violations);
        violations.ThrowIfAny();
        return new ForecastQuery(
            query.Authority,
            query.Team,
            query.AsOf,
            query.KnownAt,
            request.HorizonMonths == 0 ? DefaultHorizonMonths : request.HorizonMonths,
            scenario,
            request.SamplePaths == 0 ? DefaultSamplePaths : request.SamplePaths,
            request.Seed == 0 ? DefaultSeed : request.Seed);
    }

    private static Domain.Forecasting.ForecastScenario ParseScenario(V1.ForecastScenario? scenario, FieldViolations violations)
    {
        if (scenario is null)
        {
            return Domain.Forecasting.ForecastScenario.None;
        }

        if (scenario.FteChanges.Count > MaxFteChanges)
        {
            violations.Add("scenario.fte_changes", $"at most {MaxFteChanges} changes");
        }

        var changes = new List<Domain.Forecasting.FteChange>();
        for (var i = 0; i < scenario.FteChanges.Count && i < MaxFteChanges; i++)
        {
            var change = scenario.FteChanges[i];
            var from = default(DateOnly);
            if (change.From is null || !Dates.TryToDateOnly(change.From, out from))
            {
                violations.Add($"scenario.fte_changes[{i}].from", "a valid date is required");
            }

            if (!double.IsFinite(change.Fte) || change.Fte == 0 || Math.Abs(change.Fte) > MaxFteChange)
            {
                violations.Add($"scenario.fte_changes[{i}].fte", $"must be non-zero, from -{MaxFteChange} to {MaxFteChange}");
            }
            else
            {
                changes.Add(new Domain.Forecasting.FteChange(from, (decimal)change.Fte, change.Agency));
            }
        }

        DateOnly? convertFrom = null;
        if (scenario.ConvertAgencyFrom is not null)
        {
            if (Dates.TryToDateOnly(scenario.ConvertAgencyFrom, out var day))
            {
                convertFrom = day;
            }
            else
            {
                violations.Add("scenario.convert_agency_from", "is not a valid calendar date");
            }
        }

        var growthValid = double.IsFinite(scenario.DemandGrowthPercent) && scenario.DemandGrowthPercent is > -MaxDemandGrowthPercent and <= MaxDemandGrowthPercent;
        if (!growthValid)
        {
            violations.Add("scenario.demand_growth_percent", $"must be above -{MaxDemandGrowthPercent} and at most {MaxDemandGrowthPercent}");
        }

        var targetValid = double.IsFinite(scenario.Target) && scenario.Target is > 0 and <= MaxTarget;
        if (scenario.HasTarget && !targetValid)
        {
            violations.Add("scenario.target", $"must be above 0 and at most {MaxTarget}");
        }

        return new Domain.Forecasting.ForecastScenario(
            changes,
            convertFrom,
            growthValid ? (decimal)scenario.DemandGrowthPercent : 0m,
            scenario.HasTarget && targetValid ? (decimal)scenario.Target : null);
    }
}
