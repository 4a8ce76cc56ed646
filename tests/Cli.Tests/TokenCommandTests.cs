using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workforce.Cli.Commands;
using Xunit;

namespace Workforce.Cli.Tests;

public sealed class TokenCommandTests
{
    [Fact]
    public void The_token_is_signed_with_the_key_and_carries_the_claims_and_lifetime()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        var token = TokenCommand.Create("a-key", "tm-1", ["analyst"], ["841", "840"], ["team-a"], now, TimeSpan.FromMinutes(30));

        var parts = token.Split('.');
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes("a-key"), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[2]);
        using var claims = JsonDocument.Parse(Decode(parts[1]));
        var root = claims.RootElement;
        Assert.Equal(("workforce-dev", "workforce", "tm-1"), (root.GetProperty("iss").GetString(), root.GetProperty("aud").GetString(), root.GetProperty("sub").GetString()));
        Assert.Equal(now.AddMinutes(30).ToUnixTimeSeconds(), root.GetProperty("exp").GetInt64());
        Assert.Equal(["841", "840"], root.GetProperty("authority").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["team-a"], root.GetProperty("team").EnumerateArray().Select(a => a.GetString()));
    }

    private static byte[] Decode(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
