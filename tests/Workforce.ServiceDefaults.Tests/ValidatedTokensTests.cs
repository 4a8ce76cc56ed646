using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class ValidatedTokensTests
{
    private readonly ValidatedTokens _tokens = new(TimeProvider.System);

    private TokenValidationParameters Parameters => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task A_valid_token_is_validated_once_and_its_identity_answers_every_later_call()
    {
        var token = TestTokens.Create([WorkforceRoles.Analyst], ["840", "841"]);

        var first = await _tokens.ValidateTokenAsync(token, Parameters);
        var again = await _tokens.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.Same(first, again);
        Assert.Equal(["840", "841"], first.ClaimsIdentity.FindAll(WorkforceClaims.Authority).Select(c => c.Value));
        Assert.Equal(1, _tokens.Count);
    }

    [Fact]
    public async Task A_token_that_fails_validation_is_never_remembered_and_fails_every_time()
    {
        var forged = TestTokens.Create([WorkforceRoles.Analyst], ["841"], signingKey: "another-signing-key-0123456789-abcdefghijkl");

        Assert.False((await _tokens.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.False((await _tokens.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.Equal(0, _tokens.Count);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        // The token library validates lifetimes against the system clock, so this waits for a real expiry (2-3 s).
        var token = TestTokens.Create([WorkforceRoles.Analyst], ["841"], lifetime: TimeSpan.FromSeconds(2));
        var valid = await _tokens.ValidateTokenAsync(token, Parameters);
        Assert.True(valid.IsValid);

        var expires = valid.SecurityToken.ValidTo;
        while (DateTime.UtcNow <= expires.AddMilliseconds(100))
        {
            await Task.Delay(100);
        }

        var expired = await _tokens.ValidateTokenAsync(token, Parameters);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    [Fact]
    public async Task Past_its_bound_the_memory_starts_again_empty()
    {
        for (var i = 0; i <= ValidatedTokens.MaxTokens; i++)
        {
            Assert.True((await _tokens.ValidateTokenAsync(TestTokens.Create([WorkforceRoles.Analyst], ["841"], subject: $"u{i}"), Parameters)).IsValid);
        }

        Assert.Equal(1, _tokens.Count);
    }

    [Fact]
    public void A_callers_councils_and_teams_are_read_once_per_identity_and_shared_by_its_principals()
    {
        var identity = new ClaimsIdentity([new Claim(WorkforceClaims.Authority, "841"), new Claim(WorkforceClaims.Team, "team-a")], "test");

        var councils = CallerScope.Authorities(new ClaimsPrincipal(identity));

        Assert.Same(councils, CallerScope.Authorities(new ClaimsPrincipal(identity)));
        Assert.Equal(["841"], councils);
        Assert.Equal(["team-a"], CallerScope.Teams(new ClaimsPrincipal(identity)));
        Assert.NotSame(councils, CallerScope.Authorities(new ClaimsPrincipal(new ClaimsIdentity(identity.Claims, "test"))));
    }
}
