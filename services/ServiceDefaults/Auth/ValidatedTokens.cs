using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workforce.ServiceDefaults.Auth;

/// <summary>
/// JWT validation remembered per token: a token is validated in full (signature, issuer, audience, lifetime) the first
/// time it is seen, and the same token answers from memory until it expires; a token that fails is never remembered.
/// Every call carries its token, and with one naming every council in England, parsing it and building its claims had
/// been a fifth of a one-council read's time. Bounded: past <see cref="MaxTokens"/> it starts again empty.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock) : JsonWebTokenHandler
{
    public const int MaxTokens = 1024;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTime Until)> _tokens = new(StringComparer.Ordinal);

    public int Count => _tokens.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_tokens.TryGetValue(token, out var held) && clock.GetUtcNow().UtcDateTime < held.Until)
        {
            return held.Result;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        // Remembered until the token's own expiry, not the clock skew past it: near its end it is validated afresh each time.
        if (result.IsValid && result.SecurityToken is { ValidTo: var expires } && expires > DateTime.MinValue)
        {
            if (_tokens.Count >= MaxTokens)
            {
                _tokens.Clear();
            }

            _tokens[token] = (result, expires);
        }

        return result;
    }
}
