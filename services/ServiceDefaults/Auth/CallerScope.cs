using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Grpc.Core;

namespace Workforce.ServiceDefaults.Auth;

/// <summary>Which councils, and which of their teams, a caller may see, read from the validated token.</summary>
public static class CallerScope
{
    /// <summary>
    /// A token's councils and teams, read once per validated identity: <see cref="ValidatedTokens"/> hands every call
    /// with the same token the same identity, and the interceptor and handler both ask on every call.
    /// </summary>
    private static readonly ConditionalWeakTable<ClaimsIdentity, Grant> Grants = new();

    public static IReadOnlySet<string> Authorities(ClaimsPrincipal user) => GrantOf(user).Authorities;

    /// <summary>The teams a team-scoped caller is limited to; empty for a caller who sees the whole authority.</summary>
    public static IReadOnlySet<string> Teams(ClaimsPrincipal user) => GrantOf(user).Teams;

    private static Grant GrantOf(ClaimsPrincipal user) =>
        user.Identities.Count() == 1
            ? Grants.GetValue(user.Identities.First(), static identity => Read(identity.FindAll))
            : Read(user.FindAll);

    private static Grant Read(Func<string, IEnumerable<Claim>> claims) => new(
        claims(WorkforceClaims.Authority).Select(c => c.Value).ToFrozenSet(StringComparer.Ordinal),
        claims(WorkforceClaims.Team).Select(c => c.Value).ToFrozenSet(StringComparer.Ordinal));

    private sealed record Grant(FrozenSet<string> Authorities, FrozenSet<string> Teams);

    /// <summary>The councils a many-council read answers: those asked for, or every one the token names (in code order) when none was.</summary>
    public static IReadOnlyList<string> Councils(ClaimsPrincipal user, IReadOnlyList<string> asked) =>
        asked.Count > 0 ? asked : [.. Authorities(user).Order(StringComparer.Ordinal)];

    /// <summary>Throws PERMISSION_DENIED unless the caller's token names <paramref name="authority"/>.</summary>
    public static void DemandAuthority(ServerCallContext context, string authority) => DemandAuthorities(context, [authority]);

    /// <summary>Throws PERMISSION_DENIED unless the caller's token names every one of <paramref name="authorities"/> (the token read once).</summary>
    public static void DemandAuthorities(ServerCallContext context, IEnumerable<string> authorities)
    {
        var held = Authorities(context.GetHttpContext().User);
        if (authorities.FirstOrDefault(a => !held.Contains(a)) is { } outside)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The caller may not act for authority '{outside}'."));
        }
    }

    /// <summary>
    /// Throws PERMISSION_DENIED when the caller is team-scoped and <paramref name="team"/> (null: the whole authority,
    /// or a worker with no team then) is not one of its teams.
    /// </summary>
    public static void DemandTeam(ServerCallContext context, string? team)
    {
        var teams = Teams(context.GetHttpContext().User);
        if (teams.Count > 0 && (team is null || !teams.Contains(team)))
        {
            var asked = team is null ? "the whole authority" : $"team '{team}'";
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The caller is limited to team(s) {string.Join(", ", teams.Order(StringComparer.Ordinal))} and may not see worker-level data of {asked}."));
        }
    }
}
