using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Workforce.ServiceDefaults.Auth;

public static class AuthExtensions
{
    /// <summary>JWT bearer authentication validated fully (issuer, audience, lifetime, signature; once per token, <see cref="ValidatedTokens"/>) and one policy per role.</summary>
    public static IServiceCollection AddWorkforceAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        ValidateAtStartup(options);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                // Nothing reads the raw token back from the ticket; keeping it cost a dictionary per call.
                jwt.SaveToken = false;
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new ValidatedTokens(TimeProvider.System));
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = options.Issuer,
                    ValidateAudience = true,
                    ValidAudience = options.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RoleClaimType = WorkforceClaims.Role,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        services.AddAuthorization(authorization =>
        {
            foreach (var role in WorkforceRoles.All)
            {
                authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
            }
        });
        return services;
    }

    private static void ValidateAtStartup(AuthOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer)) problems.Add("Auth:Issuer is not set");
        if (string.IsNullOrWhiteSpace(options.Audience)) problems.Add("Auth:Audience is not set");
        if (Encoding.UTF8.GetByteCount(options.SigningKey) < 32) problems.Add("Auth:SigningKey must be at least 32 bytes");
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Authentication is misconfigured: " + string.Join("; ", problems) + ".");
        }
    }
}
