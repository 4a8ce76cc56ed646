using Caseload.Api.Application;
using Caseload.V1;
using Workforce.ServiceDefaults.Grpc;
using Forecast = Caseload.Api.Domain.Forecasting;

namespace Caseload.Api.Grpc;

public static class ForecastMapping
{
    public static CaseloadForecastReply ToProto(ForecastAnswer answer, ForecastQuery request, Freshness freshness)
    {
        var forecast = answer.Forecast;
        var reply = new CaseloadForecastReply
        {
            Origin = Dates.ToProto(answer.Origin),
            Target = (double)forecast.Target,
            TargetFirstMet = forecast.TargetFirstMet is { } met ? Dates.ToProto(met) : null,
            ProbabilityMetByHorizon = forecast.ProbabilityMetByHorizon,
            DemandMethod = answer.Demand.Method,
            Supply = new SupplyAssumptions
            {
                EmployedTurnoverPercent = Forecast.StaffingOutlook.AnnualPercent(answer.Staffing.EmployedMonthlyLeaving),
                AgencyTurnoverPercent = Forecast.StaffingOutlook.AnnualPercent(answer.Staffing.AgencyMonthlyLeaving),
                StartersPerMonth = answer.Staffing.StartersPerMonth,
                StarterMeanFte = answer.Staffing.Starters.Count == 0 ? 0 : answer.Staffing.Starters.Average(s => s.Fte),
                KnownChanges = answer.Staffing.KnownChanges,
                MonthsObserved = answer.Staffing.MonthsObserved,
            },
            SamplePaths = request.SamplePaths,
            Seed = request.Seed,
            Freshness = freshness,
        };
        reply.Notes.AddRange(answer.Demand.Notes);
        reply.Notes.AddRange(forecast.Notes);
        reply.ScenarioApplied.AddRange(forecast.ScenarioApplied);
        reply.History.AddRange(answer.History.Select(h =>
        {
            var month = new V1.HistoryMonth
            {
                MonthEnd = Dates.ToProto(h.MonthEnd),
                OpenCases = h.OpenCases,
                Opened = h.Opened,
                Closed = h.Closed,
                CaseHoldingFte = (double)h.CaseHoldingFte,
            };
            if (h.AverageCaseload is { } average)
            {
                month.AverageCaseload = (double)average;
            }

            return month;
        }));
        reply.Months.AddRange(forecast.Months.Select(m => new V1.ForecastMonth
        {
            MonthEnd = Dates.ToProto(m.MonthEnd),
            OpenCases = ToProto(m.OpenCases),
            CaseHoldingFte = ToProto(m.CaseHoldingFte),
            AverageCaseload = ToProto(m.AverageCaseload),
            ShareAtOrUnderTargetPercent = ToProto(m.ShareAtOrUnderTargetPercent),
            FteNeededForTarget = ToProto(m.FteNeededForTarget),
            ProbabilityTargetMet = m.ProbabilityTargetMet,
        }));
        return reply;
    }

    private static V1.Interval ToProto(Forecast.Interval interval) => new()
    {
        Point = interval.Point,
        Lower80 = interval.Lower80,
        Upper80 = interval.Upper80,
        Lower95 = interval.Lower95,
        Upper95 = interval.Upper95,
    };
}
