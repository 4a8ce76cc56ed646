namespace Caseload.Api.Domain;

public enum ProjectionKind
{
    Met = 1,
    Projected = 2,
    NotAtCurrentTrend = 3,
    TooFewPoints = 4,
}

public sealed record TargetProjection(ProjectionKind Kind, decimal? TrendPerMonth, DateOnly? ProjectedDate);

/// <summary>
/// "When, at this pace, is the target met?": a least-squares line through the last months' values, extended to the
/// target. A value already on the right side of the target is met; a flat or wrong-way trend never reaches it.
/// </summary>
public static class TargetTrend
{
    /// <param name="points">Month-end values in date order; null values (nothing to measure) are skipped.</param>
    /// <param name="target">The value to reach.</param>
    /// <param name="lowerIsBetter">True for the average caseload (down to the target), false for the share at target (up to 100%).</param>
    public static TargetProjection Project(IReadOnlyList<(DateOnly MonthEnd, decimal? Value)> points, decimal target, bool lowerIsBetter, int trendMonths)
    {
        // X is the month's position, so a month without a value leaves a gap rather than squeezing the line.
        var window = points.TakeLast(trendMonths)
            .Select((p, month) => (p.MonthEnd, Month: (decimal)month, p.Value))
            .Where(p => p.Value is not null)
            .Select(p => (p.MonthEnd, p.Month, Value: p.Value!.Value))
            .ToList();
        if (window.Count < 2)
        {
            return new TargetProjection(ProjectionKind.TooFewPoints, null, null);
        }

        var slope = Slope(window.Select(p => (p.Month, p.Value)).ToList());
        var last = window[^1];
        var reached = lowerIsBetter ? last.Value <= target : last.Value >= target;
        if (reached)
        {
            return new TargetProjection(ProjectionKind.Met, slope, null);
        }

        var improving = lowerIsBetter ? slope < 0 : slope > 0;
        if (!improving)
        {
            return new TargetProjection(ProjectionKind.NotAtCurrentTrend, slope, null);
        }

        var months = (int)Math.Ceiling((target - last.Value) / slope);
        var date = last.MonthEnd.AddDays(1).AddMonths(months).AddDays(-1);
        return new TargetProjection(ProjectionKind.Projected, slope, date);
    }

    private static decimal Slope(List<(decimal X, decimal Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return covariance / variance;
    }
}
