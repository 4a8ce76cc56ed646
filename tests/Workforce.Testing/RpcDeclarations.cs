using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Authorization;
using Workforce.ServiceDefaults.Auth;

namespace Workforce.Testing;

/// <summary>Checks a gRPC service implementation against its descriptor: every RPC declares a role policy and what it discloses.</summary>
public static class RpcDeclarations
{
    /// <summary>One line per RPC of <paramref name="service"/> whose override in <paramref name="implementation"/> is missing or under-declared.</summary>
    public static IReadOnlyList<string> Problems(ServiceDescriptor service, Type implementation)
    {
        var problems = new List<string>();
        if (implementation.GetCustomAttributes<AllowAnonymousAttribute>(inherit: true).Any() || implementation.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Any())
        {
            problems.Add($"{implementation.Name}: declare access per RPC, not on the class");
        }

        foreach (var rpc in service.Methods)
        {
            var name = $"{service.FullName}/{rpc.Name}";
            var method = implementation.GetMethod(rpc.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            if (method is null)
            {
                problems.Add($"{name}: not implemented by {implementation.Name}");
                continue;
            }

            if (method.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            {
                problems.Add($"{name}: [AllowAnonymous] is for health and reflection only");
            }

            var policies = method.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).ToList();
            if (policies.Count != 1 || !WorkforceRoles.All.Contains(policies[0]))
            {
                problems.Add($"{name}: needs exactly one [Authorize(Policy = WorkforceRoles.X)], has [{string.Join(", ", policies)}]");
            }

            if (method.GetCustomAttribute<DisclosesAttribute>() is null)
            {
                problems.Add($"{name}: needs [Discloses(...)]");
            }
        }

        return problems;
    }
}
