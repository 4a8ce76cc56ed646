namespace Workforce.Contracts;

/// <summary>
/// The full effective-dated state of one staff post after a change was committed by the workforce
/// service. Consumers replace what they hold when <see cref="Version"/> is higher, so duplicate and
/// out-of-order deliveries converge on the same state.
/// </summary>
public sealed record StaffMemberChanged(
    string Authority,
    string StaffId,
    long Version,
    DateTimeOffset RecordedAt,
    IReadOnlyList<AssignmentPeriod> Assignments);

/// <summary>One assignment of a post, in force over the half-open interval [From, To).</summary>
public sealed record AssignmentPeriod(
    DateOnly From,
    DateOnly? To,
    string Team,
    int CensusRole,
    ContractType Contract,
    decimal Fte,
    bool Registered,
    bool CaseHolding);

public enum ContractType
{
    Employed = 1,
    Agency = 2,
}
