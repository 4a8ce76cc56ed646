namespace Workforce.ServiceDefaults.Auth;

/// <summary>What an RPC discloses, which decides what a team-scoped caller (a token with <c>team</c> claims) may ask of it.</summary>
public enum Disclosure
{
    /// <summary>Figures over a scope (counts, rates, distributions): any team or the whole authority.</summary>
    Aggregates,

    /// <summary>Rows of workers or cases filtered by the request's <c>team</c>: a team-scoped caller must name one of its teams.</summary>
    TeamRows,

    /// <summary>One worker's record: the handler demands the worker's team with <see cref="CallerScope.DemandTeam"/>.</summary>
    StaffMember,

    /// <summary>Rows of the whole authority that belong to no team (unallocated cases): refused to team-scoped callers.</summary>
    AuthorityRows,

    /// <summary>Writes: refused to team-scoped callers, whose tokens are for reading.</summary>
    Writes,

    /// <summary>
    /// Council-wide aggregates of several councils in one answer: every code in the request's <c>authorities</c> must
    /// be in the token (none named: the token's own councils); refused to team-scoped callers.
    /// </summary>
    Councils,

    /// <summary>
    /// Operations on what the service holds for every council at once (its <c>_error</c> queues mix councils): no
    /// authority to check, so only the role admits the caller; refused to team-scoped callers.
    /// </summary>
    ServiceWide,
}

/// <summary>
/// Declares what an RPC discloses; every RPC but health and reflection carries one beside its
/// <c>[Authorize(Policy = ...)]</c>, and a call to one without it is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DisclosesAttribute(Disclosure disclosure) : Attribute
{
    public Disclosure Disclosure { get; } = disclosure;

    /// <summary>The answer holds absence or sickness data: each read is written to the audit log.</summary>
    public bool Absence { get; init; }
}
