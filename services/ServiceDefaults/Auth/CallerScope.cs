using System.Security.Claims;
using Grpc.Core;

namespace Workforce.ServiceDefaults.Auth;

/// <summary>Which councils a caller may see, read from the validated token.</summary>
public static class CallerScope
{
    public static IReadOnlySet<string> Authorities(ClaimsPrincipal user) =>
        user.FindAll(WorkforceClaims.Authority).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Throws PERMISSION_DENIED unless the caller's token names <paramref name="authority"/>.</summary>
    public static void DemandAuthority(ServerCallContext context, string authority)
    {
        var user = context.GetHttpContext().User;
        if (!Authorities(user).Contains(authority))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The caller may not act for authority '{authority}'."));
        }
    }
}
