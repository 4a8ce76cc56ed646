using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workforce.HostileInput;

/// <summary>How the services under test validate tokens: the issuer, audience and HS256 key they trust.</summary>
public sealed record TokenSettings(string Issuer, string Audience, string SigningKey);

/// <summary>HS256 JWTs, good and deliberately bad, signed by hand so every flaw is under the barrage's control.</summary>
public sealed class Tokens(TokenSettings settings)
{
    public static readonly string[] AllRoles = ["hr-writer", "case-writer", "supervision-writer", "analyst", "operations"];

    public string Valid(string authority) => Create(AllRoles, [authority], settings.Audience, settings.SigningKey, TimeSpan.FromHours(2));

    public string Forged(string authority) => Create(AllRoles, [authority], settings.Audience, "a-key-the-services-have-never-seen-0123456789", TimeSpan.FromHours(2));

    public string Expired(string authority) => Create(AllRoles, [authority], settings.Audience, settings.SigningKey, TimeSpan.FromHours(-1));

    public string WrongAudience(string authority) => Create(AllRoles, [authority], "another-audience", settings.SigningKey, TimeSpan.FromHours(2));

    /// <summary>A genuine token whose only role may not call the RPC (analysts cannot write, writers cannot query).</summary>
    public string WrongRole(string authority, string role) => Create([role], [authority], settings.Audience, settings.SigningKey, TimeSpan.FromHours(2));

    private string Create(string[] roles, string[] authorities, string audience, string key, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now + lifetime;
        var issued = lifetime < TimeSpan.Zero ? expires.AddMinutes(-5) : now;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = settings.Issuer,
            ["aud"] = audience,
            ["sub"] = "hostile-input",
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["nbf"] = issued.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["role"] = roles,
            ["authority"] = authorities,
        }));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
