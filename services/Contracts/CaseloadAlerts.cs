namespace Workforce.Contracts;

/// <summary>
/// A worker's caseload went above a level (the council's target or one of its thresholds, pro rata to FTE) on
/// <see cref="AsOf"/>. Published once per episode: again only after the caseload has come back within the level.
/// </summary>
public sealed record CaseloadAboveThreshold(
    string Authority,
    string StaffId,
    DateOnly AsOf,
    decimal Level,
    int Cases,
    decimal Fte,
    DateTimeOffset DetectedAt) : ICouncilData;

/// <summary>A worker whose employment has ended still holds open cases (once per leaver, while any stay open).</summary>
public sealed record OpenCasesHeldByLeaver(
    string Authority,
    string StaffId,
    DateOnly AsOf,
    int OpenCases,
    DateTimeOffset DetectedAt) : ICouncilData;
