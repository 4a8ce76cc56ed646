using Caseload.V1;
using Scorecard.Api.Domain;
using Supervision.V1;
using Workforce.V1;
using Xunit;
using static Scorecard.Api.Domain.ScorecardBuilder;

namespace Scorecard.Tests;

public sealed class ScorecardBuilderTests
{
    private static readonly DateOnly September = new(2025, 9, 30);

    // Month ends February to September 2025; the reporting year (default, from 1 April) holds April to September.
    private static readonly DateOnly[] MonthEnds = Enumerable.Range(2, 8).Select(m => new DateOnly(2025, m, DateTime.DaysInMonth(2025, m))).ToArray();

    [Theory]
    [InlineData(0, 0, "2025-03-31", "2024-04-01")]
    [InlineData(0, 0, "2025-04-01", "2025-04-01")]
    [InlineData(9, 1, "2025-08-31", "2024-09-01")]
    [InlineData(9, 1, "2025-09-30", "2025-09-01")]
    [InlineData(2, 29, "2025-03-31", "2025-02-28")]
    public void The_reporting_year_starts_on_the_councils_day_on_or_before_the_month_end(int month, int day, string asOf, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), ReportingYearStart(DateOnly.Parse(asOf),
            new CouncilSettings { ReportingYearStartMonth = month, ReportingYearStartDay = day }));

    [Fact]
    public void Headlines_take_the_month_end_and_the_mean_of_the_reporting_years_month_ends_with_their_status()
    {
        var card = Build(Replies());
        var h = card.Headlines.ToDictionary(x => x.Key);

        Assert.Equal(new DateOnly(2025, 4, 1), card.YearFrom);
        // Agency: September 14.4; year to date (10 + 12 + 14 + 16 + 14.4) / 5 = 13.28 — August had nobody to measure,
        // February and March are last year. Both amber against 13 (13.28 shows as 13.3).
        Assert.Equal(new Figure(14.4, RagStatus.Amber), h["agency-rate"].Month);
        Assert.Equal(13.28, h["agency-rate"].YearToDate.Value!.Value, 10);
        Assert.Equal(RagStatus.Amber, h["agency-rate"].YearToDate.Status);
        Assert.Equal("≤ 13.0%", h["agency-rate"].TargetText);
        // Caseload: the month is GetTargetProgress's 21.5 (red against 18: more than 20); year to date
        // (18 + 19 + 20 + 17 + 18 + 21.5) / 6 = 18.9167, amber.
        Assert.Equal(new Figure(21.5, RagStatus.Red), h["average-caseload"].Month);
        Assert.Equal(113.5 / 6, h["average-caseload"].YearToDate.Value!.Value, 10);
        Assert.Equal(RagStatus.Amber, h["average-caseload"].YearToDate.Status);
        Assert.Equal(18, card.CaseloadTarget);
        // Supervision in timescale: the service's own in-month and year-to-date shares.
        Assert.Equal(new Figure(92.5, RagStatus.Green), h["supervision-timescale"].Month);
        Assert.Equal(new Figure(85, RagStatus.Amber), h["supervision-timescale"].YearToDate);
        // In date: September 79.96 shows as 80.0, amber; year to date (70 + 80 + 90 + 100 + 60 + 79.96) / 6 = 79.9933, amber too.
        Assert.Equal(new Figure(79.96, RagStatus.Amber), h["supervision-in-date"].Month);
        Assert.Equal(479.96 / 6, h["supervision-in-date"].YearToDate.Value!.Value, 10);
        Assert.Equal(RagStatus.Amber, h["supervision-in-date"].YearToDate.Status);
        Assert.Equal(new Figure(55, RagStatus.None), h["share-at-target"].Month);
    }

    [Fact]
    public void Trends_run_over_every_month_end_with_gaps_where_nothing_was_measured()
    {
        var trends = Build(Replies()).Trends;

        Assert.Equal(MonthEnds, trends.MonthEnds);
        Assert.Equal(new double?[] { 20, 30, 10, 12, 14, 16, null, 14.4 }, trends.AgencyRatePercent);
        Assert.Equal(new double?[] { 22, 23, 18, 19, 20, 17, 18, 21.5 }, trends.AverageCaseload);
        Assert.Equal(new double?[] { 50, 60, 70, 80, 90, 100, 60, 79.96 }, trends.SupervisionInDatePercent);
    }

    [Fact]
    public void The_forecast_cone_lists_and_distribution_come_through_unchanged()
    {
        var forecast = new CaseloadForecastReply { ProbabilityMetByHorizon = 0.25, TargetFirstMet = ToProto(new DateOnly(2026, 3, 31)) };
        forecast.Months.Add(new ForecastMonth
        {
            MonthEnd = ToProto(new DateOnly(2025, 10, 31)),
            AverageCaseload = new Interval { Point = 21, Lower80 = 20, Upper80 = 22, Lower95 = 19, Upper95 = 23 },
        });
        var card = Build(Replies() with { Forecast = forecast });

        Assert.Equal(new[] { 19.0, 20, 21, 22, 23 }, new[] { card.Forecast!.Lower95[0], card.Forecast.Lower80[0], card.Forecast.Point[0], card.Forecast.Upper80[0], card.Forecast.Upper95[0] });
        Assert.Equal(new DateOnly(2026, 3, 31), card.Forecast.TargetFirstMet);
        Assert.Equal([new DistributionBucket(0, 5, 2), new DistributionBucket(5, null, 7)], card.Distribution);
        Assert.Equal(new OverdueRow("post-7", "post-2", new DateOnly(2025, 9, 1), 29, null), Assert.Single(card.Overdue.Rows));
        Assert.Equal(3, card.Overdue.Total);
        Assert.Equal(new ReallocationRow("case-9", "post-4", "worker has left", new DateOnly(2025, 9, 20), 10), Assert.Single(card.Reallocation.Rows));
    }

    [Fact]
    public void Without_a_forecast_the_note_says_why()
    {
        var card = Build(Replies() with { ForecastNote = "No forecast: no open cases" });

        Assert.Null(card.Forecast);
        Assert.Equal("No forecast: no open cases", card.ForecastNote);
    }

    private static ScorecardReplies Replies()
    {
        double?[] agency = [20, 30, 10, 12, 14, 16, null, 14.4];
        double[] caseload = [22, 23, 18, 19, 20, 17, 18, 21.5];
        double[] inDate = [50, 60, 70, 80, 90, 100, 60, 79.96];
        var agencySeries = new AgencyRateSeries();
        var progressSeries = new TargetProgressSeries();
        var regularity = new RegularitySeries();
        for (var i = 0; i < MonthEnds.Length; i++)
        {
            var point = new AgencyRateReply { AsOf = ToProto(MonthEnds[i]) };
            if (agency[i] is { } rate)
            {
                point.RateByFtePercent = rate;
            }

            agencySeries.Points.Add(point);
            progressSeries.Points.Add(new TargetProgressPoint { AsOf = ToProto(MonthEnds[i]), AverageCaseload = caseload[i], ShareAtOrUnderTargetPercent = 50, Target = 18 });
            regularity.Points.Add(new RegularityPoint { AsOf = ToProto(MonthEnds[i]), InDatePercent = inDate[i], HeldInMonthPercent = 92.5, HeldYearToDatePercent = 85 });
        }

        var progress = new TargetProgressReply
        {
            Target = 18,
            Unadjusted = new Progress { AverageCaseload = 21.5, ShareAtOrUnderTargetPercent = 55 },
        };
        progress.Unadjusted.Distribution.Add(new HistogramBucket { From = 0, To = 5, Workers = 2 });
        progress.Unadjusted.Distribution.Add(new HistogramBucket { From = 5, Workers = 7 });
        var overdue = new OverdueReply { Total = 3 };
        overdue.Staff.Add(new OverdueStaff { StaffId = "post-7", SupervisorStaffId = "post-2", DueDate = ToProto(new DateOnly(2025, 9, 1)), DaysOverdue = 29 });
        var reallocation = new CasesNeedingReallocationReply { Total = 1 };
        reallocation.Cases.Add(new CaseNeedingReallocation { CaseId = "case-9", StaffId = "post-4", Reason = ReallocationReason.Left, Since = ToProto(new DateOnly(2025, 9, 20)), DaysSince = 10 });
        return new ScorecardReplies("841", September, 13.0, new CouncilSettingsReply { Settings = new CouncilSettings() }, agencySeries, progress,
            progressSeries, regularity, null, null, overdue, reallocation);
    }
}
