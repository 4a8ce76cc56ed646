using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Domain;

public sealed class TargetTrendTests
{
    private static List<(DateOnly, decimal?)> Monthly(params decimal?[] values) =>
        values.Select((v, i) => (new DateOnly(2025, 1, 31).AddDays(1).AddMonths(i).AddDays(-1), v)).ToList();

    [Fact]
    public void A_falling_average_is_projected_to_the_month_end_by_which_it_reaches_the_target()
    {
        // 20, 19.5, 19, 18.5 (Jan-Apr): -0.5 a month; 18 is reached one month after April.
        var projection = TargetTrend.Project(Monthly(20m, 19.5m, 19m, 18.5m), 18m, lowerIsBetter: true, trendMonths: 6);

        Assert.Equal((ProjectionKind.Projected, -0.5m, new DateOnly(2025, 5, 31)), (projection.Kind, projection.TrendPerMonth, projection.ProjectedDate));
    }

    [Fact]
    public void Only_the_trailing_months_set_the_trend()
    {
        // Rising early on, then falling 1 a month over the last three: 21 -> 18 needs three more months.
        var projection = TargetTrend.Project(Monthly(15m, 19m, 23m, 23m, 22m, 21m), 18m, lowerIsBetter: true, trendMonths: 3);

        Assert.Equal((ProjectionKind.Projected, -1m, new DateOnly(2025, 9, 30)), (projection.Kind, projection.TrendPerMonth, projection.ProjectedDate));
    }

    [Fact]
    public void A_rising_or_flat_average_is_not_at_the_current_trend_and_one_at_target_is_met()
    {
        Assert.Equal(ProjectionKind.NotAtCurrentTrend, TargetTrend.Project(Monthly(19m, 19.5m, 20m), 18m, true, 6).Kind);
        Assert.Equal(ProjectionKind.NotAtCurrentTrend, TargetTrend.Project(Monthly(19m, 19m, 19m), 18m, true, 6).Kind);
        Assert.Equal(ProjectionKind.Met, TargetTrend.Project(Monthly(19m, 18.5m, 18m), 18m, true, 6).Kind);
    }

    [Fact]
    public void The_share_at_target_is_projected_up_to_every_worker()
    {
        var projection = TargetTrend.Project(Monthly(80m, 85m, 90m), 100m, lowerIsBetter: false, trendMonths: 6);
        var withGap = TargetTrend.Project(Monthly(80m, 85m, null, 90m), 100m, lowerIsBetter: false, trendMonths: 6);

        // 80, 85, 90 (Jan-Mar) rise 5 a month: 100 two months after March.
        Assert.Equal((ProjectionKind.Projected, 5m, new DateOnly(2025, 5, 31)), (projection.Kind, projection.TrendPerMonth, projection.ProjectedDate));
        // A month without a value keeps its place: months 0, 1, 3 give a slope of 45/14 a month; 10 more points take 4 months after April.
        Assert.Equal(45m / 14m, withGap.TrendPerMonth!.Value, 20);
        Assert.Equal(new DateOnly(2025, 8, 31), withGap.ProjectedDate);
        Assert.Equal(ProjectionKind.TooFewPoints, TargetTrend.Project(Monthly(null, 80m), 100m, false, 6).Kind);
    }
}
