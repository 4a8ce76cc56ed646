namespace Scorecard.Api.Domain;

/// <summary>One council's scorecard for one month: what the page shows, figures unrounded (the page shows one decimal).</summary>
public sealed record ScorecardModel(
    string Authority,
    DateOnly AsOf,
    DateOnly YearFrom,
    double CaseloadTarget,
    IReadOnlyList<Headline> Headlines,
    Trends Trends,
    ForecastCone? Forecast,
    string? ForecastNote,
    IReadOnlyList<DistributionBucket> Distribution,
    OverdueList Overdue,
    ReallocationList Reallocation);

/// <summary>A headline figure in the month (at its end) and over the reporting year to date, each with its status.</summary>
public sealed record Headline(string Key, string Name, string Unit, double? Target, string TargetText, Figure Month, Figure YearToDate, string YearToDateBasis);

public sealed record Figure(double? Value, RagStatus Status);

/// <summary>Month-end series, oldest first; a missing value (nobody to measure) is null.</summary>
public sealed record Trends(
    IReadOnlyList<DateOnly> MonthEnds,
    IReadOnlyList<double?> AgencyRatePercent,
    IReadOnlyList<double?> AverageCaseload,
    IReadOnlyList<double?> SupervisionInDatePercent,
    IReadOnlyList<double?> SupervisionHeldInMonthPercent);

/// <summary>The forecast average caseload: point and the 80% and 95% prediction intervals at each month end.</summary>
public sealed record ForecastCone(
    IReadOnlyList<DateOnly> MonthEnds,
    IReadOnlyList<double> Point,
    IReadOnlyList<double> Lower80,
    IReadOnlyList<double> Upper80,
    IReadOnlyList<double> Lower95,
    IReadOnlyList<double> Upper95,
    DateOnly? TargetFirstMet,
    double ProbabilityMetByHorizon);

/// <summary>Workers by cases per FTE in [From, To); To is null for the last, open-ended bucket.</summary>
public sealed record DistributionBucket(double From, double? To, int Workers);

public sealed record OverdueList(int Total, IReadOnlyList<OverdueRow> Rows);

public sealed record OverdueRow(string StaffId, string SupervisorStaffId, DateOnly? DueDate, int DaysOverdue, DateOnly? LastSession);

public sealed record ReallocationList(int Total, IReadOnlyList<ReallocationRow> Rows);

public sealed record ReallocationRow(string CaseId, string StaffId, string Reason, DateOnly? Since, int DaysSince);
