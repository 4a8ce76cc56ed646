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
    IReadOnlyList<AssignmentPeriod> Assignments,
    IReadOnlyList<AbsencePeriod>? Absences = null,
    string? PersonId = null) : ICouncilData;

/// <summary>
/// One assignment of a post, in force over the half-open interval [From, To). Periods end where the post's
/// employment ends (the day after a leaver's last day), so "in post on D" is "a period covers D".
/// </summary>
public sealed record AssignmentPeriod(
    DateOnly From,
    DateOnly? To,
    string Team,
    int CensusRole,
    ContractType Contract,
    decimal Fte,
    bool Registered,
    bool CaseHolding,
    string? LineManagerStaffId = null,
    DateOnly? AsyeStart = null);

/// <summary>
/// An absence over [FirstDay, LastDay] (LastDay inclusive, null while it continues), with the day from which it
/// counts as long-term under the council's rule (null when it does not): the one rule lives in the workforce service.
/// </summary>
public sealed record AbsencePeriod(
    DateOnly FirstDay,
    DateOnly? LastDay,
    string Reason,
    DateOnly? LongTermFrom);

public enum ContractType
{
    Employed = 1,
    Agency = 2,
}
