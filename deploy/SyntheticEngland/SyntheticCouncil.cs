using Caseload.V1;
using Supervision.V1;
using Workforce.DemoCouncil;

namespace Workforce.SyntheticEngland;

/// <summary>What to generate: the same options give the same England, change for change.</summary>
public sealed record EnglandOptions
{
    public int Seed { get; init; } = 20250930;

    public int FirstYear { get; init; } = 2017;

    public int LastYear { get; init; } = 2025;

    /// <summary>Only the first N councils by authority code; null for all of them.</summary>
    public int? Councils { get; init; }

    /// <summary>Only these authorities (DfE codes; a joint return as "940-941"); empty for no restriction.</summary>
    public IReadOnlyList<string> Authorities { get; init; } = [];

    public bool Supervision { get; init; } = true;

    /// <summary>Cases opened and closed within a year, per case open at its end: work that never shows at 30 September.</summary>
    public double ShortCasesPerOpenCase { get; init; } = 0.5;
}

/// <summary>Figures at 30 September of a year; FTEs in tenths (the published rounding), cases a count.</summary>
public sealed record YearFigures(int Year, int InPost, int Agency, int Leavers, int Vacancy, int CaseHolders, int Cases);

/// <summary>
/// One synthetic council: the HR feed, the case-management feed and the supervision records whose DfE figures at each
/// 30 September equal what the council published, with what the generator aimed at (suppressed figures filled from
/// the nearest published year) and the figures its own model gives. <see cref="SupervisedStaff"/> counts the registered
/// workers in post at the last 30 September: whom supervision regularity is about then.
/// </summary>
public sealed record SyntheticCouncil(
    string Authority,
    string Name,
    IReadOnlyList<YearFigures> Targets,
    IReadOnlyList<YearFigures> Figures,
    IReadOnlyList<Workforce.V1.StaffChange> StaffChanges,
    IReadOnlyList<AllocationChange> AllocationChanges,
    IReadOnlyList<Session> Sessions,
    int SupervisedStaff)
{
    public int Changes => StaffChanges.Count + AllocationChanges.Count + Sessions.Count;
}

/// <summary>Every council of the indicator file in the options' range, generated one at a time on demand.</summary>
public static class England
{
    public static IEnumerable<PublishedCouncil> Selected(EnglandOptions options) =>
        PublishedIndicators.Councils
            .Where(c => options.Authorities.Count == 0 || options.Authorities.Contains(c.Authority))
            .Where(c => c.Years.Any(y => y.Year >= options.FirstYear && y.Year <= options.LastYear) && c.Years.Any(y => y.InPost is not null))
            .Take(options.Councils ?? int.MaxValue);

    public static IEnumerable<SyntheticCouncil> Generate(EnglandOptions options) =>
        Selected(options).Select(c => CouncilGenerator.Generate(c, options));
}
