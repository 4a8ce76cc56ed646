using Caseload.V1;
using Supervision.V1;
using Workforce.V1;

namespace Scorecard.Api.Domain;

/// <summary>The services' replies for one council and month, as the scorecard asks for them (series over the same month ends).</summary>
public sealed record ScorecardReplies(
    string Authority,
    DateOnly AsOf,
    double AgencyRateTargetPercent,
    CouncilSettingsReply Settings,
    AgencyRateSeries AgencySeries,
    TargetProgressReply Progress,
    TargetProgressSeries ProgressSeries,
    RegularitySeries Regularity,
    CaseloadForecastReply? Forecast,
    string? ForecastNote,
    OverdueReply Overdue,
    CasesNeedingReallocationReply Reallocation);

/// <summary>
/// Maps the replies to the scorecard's figures. In the month is the figure at the month end; year to date is the mean of
/// the month-end figures from the first month end of the council's reporting year to this one, except supervision in
/// timescale, whose year to date the supervision service counts itself (due dates met over all due dates in the year).
/// </summary>
public static class ScorecardBuilder
{
    public const int DefaultReportingYearStartMonth = 4;

    public static ScorecardModel Build(ScorecardReplies replies)
    {
        var asOf = replies.AsOf;
        var yearFrom = ReportingYearStart(asOf, replies.Settings.Settings);
        var caseloadTarget = replies.Progress.Target;
        var agencyTarget = replies.AgencyRateTargetPercent;

        var agency = replies.AgencySeries.Points.ToDictionary(p => ToDate(p.AsOf), p => p.HasRateByFtePercent ? p.RateByFtePercent : (double?)null);
        var caseload = replies.ProgressSeries.Points.ToDictionary(p => ToDate(p.AsOf), p => p.HasAverageCaseload ? p.AverageCaseload : (double?)null);
        var share = replies.ProgressSeries.Points.ToDictionary(p => ToDate(p.AsOf), p => p.HasShareAtOrUnderTargetPercent ? p.ShareAtOrUnderTargetPercent : (double?)null);
        var regularity = replies.Regularity.Points.ToDictionary(p => ToDate(p.AsOf));
        var inDate = regularity.ToDictionary(p => p.Key, p => p.Value.HasInDatePercent ? p.Value.InDatePercent : (double?)null);
        var heldInMonth = regularity.ToDictionary(p => p.Key, p => p.Value.HasHeldInMonthPercent ? p.Value.HeldInMonthPercent : (double?)null);
        regularity.TryGetValue(asOf, out var regularityNow);

        var unadjusted = replies.Progress.Unadjusted;
        double? averageNow = unadjusted?.HasAverageCaseload == true ? unadjusted.AverageCaseload : null;
        double? shareNow = unadjusted?.HasShareAtOrUnderTargetPercent == true ? unadjusted.ShareAtOrUnderTargetPercent : null;
        double? heldYearToDate = regularityNow?.HasHeldYearToDatePercent == true ? regularityNow.HeldYearToDatePercent : null;
        const string meanOfMonthEnds = "mean of month-end figures";

        Headline[] headlines =
        [
            LowerIsBetter("agency-rate", "Agency social workers (FTE rate)", "%", agencyTarget,
                agency.GetValueOrDefault(asOf), YearToDateMean(agency, yearFrom, asOf)),
            LowerIsBetter("average-caseload", "Average caseload (cases per FTE)", "", caseloadTarget,
                averageNow, YearToDateMean(caseload, yearFrom, asOf)),
            new("supervision-timescale", "Supervision held in timescale", "%", Rag.SupervisionGreenPercent, $"≥ {Rag.SupervisionGreenPercent:0}%",
                Supervision(regularityNow?.HasHeldInMonthPercent == true ? regularityNow.HeldInMonthPercent : null),
                Supervision(heldYearToDate), "due dates met in the year"),
            new("supervision-in-date", "Staff in date for supervision", "%", Rag.SupervisionGreenPercent, $"≥ {Rag.SupervisionGreenPercent:0}%",
                Supervision(inDate.GetValueOrDefault(asOf)), Supervision(YearToDateMean(inDate, yearFrom, asOf)), meanOfMonthEnds),
            new("share-at-target", "Workers at or under their caseload target", "%", null, "no target",
                new(shareNow, RagStatus.None), new(YearToDateMean(share, yearFrom, asOf), RagStatus.None), meanOfMonthEnds),
        ];

        var monthEnds = agency.Keys.Union(caseload.Keys).Union(regularity.Keys).Where(d => d <= asOf).Order().ToList();
        var trends = new Trends(
            monthEnds,
            monthEnds.Select(d => agency.GetValueOrDefault(d)).ToList(),
            monthEnds.Select(d => caseload.GetValueOrDefault(d)).ToList(),
            monthEnds.Select(d => inDate.GetValueOrDefault(d)).ToList(),
            monthEnds.Select(d => heldInMonth.GetValueOrDefault(d)).ToList());

        return new ScorecardModel(
            replies.Authority,
            asOf,
            yearFrom,
            caseloadTarget,
            headlines,
            trends,
            Cone(replies.Forecast),
            replies.ForecastNote,
            (unadjusted?.Distribution ?? []).Select(b => new DistributionBucket(b.From, b.HasTo ? b.To : null, b.Workers)).ToList(),
            new OverdueList(replies.Overdue.Total, replies.Overdue.Staff
                .Select(s => new OverdueRow(s.StaffId, s.SupervisorStaffId, ToOptionalDate(s.DueDate), s.DaysOverdue, ToOptionalDate(s.LastSession))).ToList()),
            new ReallocationList(replies.Reallocation.Total, replies.Reallocation.Cases
                .Select(c => new ReallocationRow(c.CaseId, c.StaffId, ReasonText(c.Reason), ToOptionalDate(c.Since), c.DaysSince)).ToList()));

        Headline LowerIsBetter(string key, string name, string unit, double target, double? month, double? yearToDate) =>
            new(key, name, unit, target, $"≤ {target:0.0}{unit}", new(month, Rag.LowerIsBetter(month, target)),
                new(yearToDate, Rag.LowerIsBetter(yearToDate, target)), meanOfMonthEnds);

        static Figure Supervision(double? percent) => new(percent, Rag.Supervision(percent));
    }

    /// <summary>The start of the reporting year holding <paramref name="asOf"/>: the council's start day (1 April unless set) on or before it.</summary>
    public static DateOnly ReportingYearStart(DateOnly asOf, CouncilSettings? settings)
    {
        var month = settings is { ReportingYearStartMonth: >= 1 and <= 12 } ? settings.ReportingYearStartMonth : DefaultReportingYearStartMonth;
        var day = settings is { ReportingYearStartDay: >= 1 } ? settings.ReportingYearStartDay : 1;
        DateOnly In(int year) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
        var start = In(asOf.Year);
        return start <= asOf ? start : In(asOf.Year - 1);
    }

    /// <summary>Mean of the month-end values in [yearFrom, asOf] that have one; null when none has.</summary>
    public static double? YearToDateMean(IReadOnlyDictionary<DateOnly, double?> monthEnds, DateOnly yearFrom, DateOnly asOf)
    {
        var values = monthEnds.Where(p => p.Key >= yearFrom && p.Key <= asOf && p.Value is not null).Select(p => p.Value!.Value).ToList();
        return values.Count == 0 ? null : values.Average();
    }

    private static ForecastCone? Cone(CaseloadForecastReply? forecast)
    {
        if (forecast is null || forecast.Months.Count == 0)
        {
            return null;
        }

        var months = forecast.Months;
        return new ForecastCone(
            months.Select(m => ToDate(m.MonthEnd)).ToList(),
            months.Select(m => m.AverageCaseload.Point).ToList(),
            months.Select(m => m.AverageCaseload.Lower80).ToList(),
            months.Select(m => m.AverageCaseload.Upper80).ToList(),
            months.Select(m => m.AverageCaseload.Lower95).ToList(),
            months.Select(m => m.AverageCaseload.Upper95).ToList(),
            ToOptionalDate(forecast.TargetFirstMet),
            forecast.ProbabilityMetByHorizon);
    }

    private static string ReasonText(ReallocationReason reason) => reason switch
    {
        ReallocationReason.Left => "worker has left",
        ReallocationReason.LongTermAbsence => "worker on long-term absence",
        ReallocationReason.NotCaseHolding => "worker not case-holding",
        _ => "unspecified",
    };

    public static Google.Type.Date ToProto(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    private static DateOnly ToDate(Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    private static DateOnly? ToOptionalDate(Google.Type.Date? date) => date is { Year: > 0, Month: > 0, Day: > 0 } ? ToDate(date) : null;
}
