using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workforce.Cli.Commands;

/// <summary>
/// <c>workforce token</c>: a development JWT (HS256) that the services accept with their Development settings, as
/// deploy/dev-token.sh prints. The key is $WORKFORCE_DEV_SIGNING_KEY, else the development default: never use it in production.
/// </summary>
public static class TokenCommand
{
    public const string DevelopmentKey = "workforce-development-signing-key-change-me-0123456789";

    public static Command Create()
    {
        var roles = new Option<string[]>("--role") { Description = "hr-writer, case-writer, supervision-writer, analyst or operations (repeat for more; default all)", AllowMultipleArgumentsPerToken = true };
        var authorities = new Option<string[]>("--authority") { Description = "DfE LA codes the caller acts for (repeat for more; default 841)", AllowMultipleArgumentsPerToken = true };
        var teams = new Option<string[]>("--team") { Description = "Limit worker- and case-level lists to these teams (a team manager)", AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string>("--subject") { Description = "Who the caller is", DefaultValueFactory = _ => "dev-user" };
        var minutes = new Option<int>("--minutes") { Description = "Lifetime in minutes", DefaultValueFactory = _ => 60 };
        minutes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--minutes must be a positive whole number");
            }
        });

        var command = new Command("token", "Print a development bearer token") { roles, authorities, teams, subject, minutes };
        command.SetAction(parse =>
        {
            string[] defaultRoles = ["hr-writer", "case-writer", "supervision-writer", "analyst", "operations"];
            var key = Environment.GetEnvironmentVariable("WORKFORCE_DEV_SIGNING_KEY") is { Length: > 0 } configured ? configured : DevelopmentKey;
            Console.WriteLine(Create(
                key,
                parse.GetValue(subject)!,
                parse.GetValue(roles) is { Length: > 0 } r ? r : defaultRoles,
                parse.GetValue(authorities) is { Length: > 0 } a ? a : ["841"],
                parse.GetValue(teams) ?? [],
                DateTimeOffset.UtcNow,
                TimeSpan.FromMinutes(parse.GetValue(minutes))));
            return 0;
        });
        return command;
    }

    public static string Create(string key, string subject, string[] roles, string[] authorities, string[] teams, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = "workforce-dev",
            ["aud"] = "workforce",
            ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["role"] = roles,
            ["authority"] = authorities,
        };
        if (teams.Length > 0)
        {
            claims["team"] = teams;
        }

        var input = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" })) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return input + "." + Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(input)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
