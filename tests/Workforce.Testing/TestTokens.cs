using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workforce.ServiceDefaults.Auth;

namespace Workforce.Testing;

/// <summary>Issues JWTs the way the suite's token issuer would, with the key the services under test trust.</summary>
public static class TestTokens
{
    public const string Issuer = "workforce-test";
    public const string Audience = "workforce";
    public const string SigningKey = "workforce-test-signing-key-0123456789-abcdefghij";

    /// <summary>Settings that make a service trust these tokens.</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings { get; } = new Dictionary<string, string>
    {
        ["Auth__Issuer"] = Issuer,
        ["Auth__Audience"] = Audience,
        ["Auth__SigningKey"] = SigningKey,
    };

    public static string Create(
        IEnumerable<string> roles,
        IEnumerable<string> authorities,
        string subject = "test-user",
        TimeSpan? lifetime = null,
        string signingKey = SigningKey,
        string issuer = Issuer,
        IEnumerable<string>? teams = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim(WorkforceClaims.Role, r)));
        claims.AddRange(authorities.Select(a => new Claim(WorkforceClaims.Authority, a)));
        claims.AddRange((teams ?? []).Select(t => new Claim(WorkforceClaims.Team, t)));
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(30));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static string HrWriter(string authority) => Create([WorkforceRoles.HrWriter], [authority]);
}
