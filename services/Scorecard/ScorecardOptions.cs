namespace Scorecard.Api;

public sealed class ScorecardOptions
{
    public const string Section = "Scorecard";

    /// <summary>gRPC (h2c or https) addresses of the three services the page's figures come from.</summary>
    public Uri WorkforceUrl { get; set; } = new("http://127.0.0.1:5101");

    public Uri CaseloadUrl { get; set; } = new("http://127.0.0.1:5102");

    public Uri SupervisionUrl { get; set; } = new("http://127.0.0.1:5103");

    /// <summary>The agency rate the clinic measures against (percent of FTE); England's published 2025 rate unless set.</summary>
    public double AgencyRateTargetPercent { get; set; } = 13.0;

    /// <summary>Month ends in the trend charts, ending with the scorecard's month.</summary>
    public int TrendMonths { get; set; } = 24;

    public int ForecastHorizonMonths { get; set; } = 12;

    /// <summary>Simulated paths for the forecast cone; a fixed seed keeps the cone the same on every load of a month.</summary>
    public int ForecastSamplePaths { get; set; } = 500;

    /// <summary>Rows of the overdue-supervision and reallocation lists (the totals are always shown).</summary>
    public int ListRows { get; set; } = 10;
}
