namespace Workforce.Contracts;

/// <summary>
/// A council's dated settings after a change, as their full history: consumers replace what they hold when
/// <see cref="Version"/> is higher. A figure for a past date uses the settings in force on that date.
/// </summary>
public sealed record CouncilSettingsChanged(
    string Authority,
    long Version,
    DateTimeOffset RecordedAt,
    IReadOnlyList<DatedCouncilSettings> History) : ICouncilData;

/// <summary>Settings in force from <see cref="From"/> until the next entry's date.</summary>
public sealed record DatedCouncilSettings(DateOnly From, CouncilSettings Settings);

/// <summary>One council's policy choices (domain.md §1a, §3, §4); the defaults are the suite's.</summary>
public sealed record CouncilSettings
{
    public static readonly CouncilSettings Default = new();

    /// <summary>Cases per case-holding FTE (Darlington's: 18).</summary>
    public decimal CaseloadTarget { get; init; } = 18m;

    /// <summary>Extra caseload thresholds reported beside the target, ascending.</summary>
    public IReadOnlyList<decimal> CaseloadThresholds { get; init; } = [20m, 25m];

    /// <summary>Weight applied to a newly qualified (ASYE) worker's FTE in adjusted caseload figures.</summary>
    public decimal AsyeCaseloadWeight { get; init; } = 0.6m;

    /// <summary>An absence this long (or any maternity absence) is long-term.</summary>
    public int LongTermAbsenceDays { get; init; } = 28;

    /// <summary>First month and day of the council's performance year (default 1 April).</summary>
    public int ReportingYearStartMonth { get; init; } = 4;

    public int ReportingYearStartDay { get; init; } = 1;

    public SupervisionPolicy Supervision { get; init; } = new();

    public bool Equals(CouncilSettings? other) =>
        other is not null && CaseloadTarget == other.CaseloadTarget && CaseloadThresholds.SequenceEqual(other.CaseloadThresholds)
        && AsyeCaseloadWeight == other.AsyeCaseloadWeight && LongTermAbsenceDays == other.LongTermAbsenceDays
        && ReportingYearStartMonth == other.ReportingYearStartMonth && ReportingYearStartDay == other.ReportingYearStartDay
        && Supervision == other.Supervision;

    public override int GetHashCode() => HashCode.Combine(CaseloadTarget, AsyeCaseloadWeight, LongTermAbsenceDays, ReportingYearStartMonth, ReportingYearStartDay, Supervision);
}

/// <summary>
/// How often supervision is due (LGA standard 5 and domain.md §4): newly qualified workers weekly for their first
/// weeks, fortnightly until six months, then at the ASYE-after interval; everyone else at the standard interval,
/// unless a role has its own.
/// </summary>
public sealed record SupervisionPolicy
{
    public int AsyeWeeklyWeeks { get; init; } = 6;

    public int AsyeWeeklyIntervalDays { get; init; } = 7;

    public int AsyeFortnightlyUntilMonths { get; init; } = 6;

    public int AsyeFortnightlyIntervalDays { get; init; } = 14;

    public int AsyeAfterIntervalDays { get; init; } = 28;

    public int StandardIntervalDays { get; init; } = 28;

    /// <summary>Census role → interval in days, for roles with their own (e.g. some managers every 42 days).</summary>
    public IReadOnlyDictionary<int, int> RoleIntervalDays { get; init; } = new Dictionary<int, int>();

    /// <summary>Sessions shorter than this are reported (the LGA standard asks for 90 minutes).</summary>
    public int MinimumMinutes { get; init; } = 90;

    /// <summary>Whether group sessions count toward regularity (by default only individual supervision does).</summary>
    public bool GroupSessionsCount { get; init; }

    public bool Equals(SupervisionPolicy? other) =>
        other is not null && AsyeWeeklyWeeks == other.AsyeWeeklyWeeks && AsyeWeeklyIntervalDays == other.AsyeWeeklyIntervalDays
        && AsyeFortnightlyUntilMonths == other.AsyeFortnightlyUntilMonths && AsyeFortnightlyIntervalDays == other.AsyeFortnightlyIntervalDays
        && AsyeAfterIntervalDays == other.AsyeAfterIntervalDays && StandardIntervalDays == other.StandardIntervalDays
        && RoleIntervalDays.Count == other.RoleIntervalDays.Count && RoleIntervalDays.All(r => other.RoleIntervalDays.TryGetValue(r.Key, out var v) && v == r.Value)
        && MinimumMinutes == other.MinimumMinutes && GroupSessionsCount == other.GroupSessionsCount;

    public override int GetHashCode() => HashCode.Combine(AsyeWeeklyWeeks, AsyeFortnightlyUntilMonths, StandardIntervalDays, MinimumMinutes, GroupSessionsCount);
}
