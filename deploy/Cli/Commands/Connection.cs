using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;

namespace Workforce.Cli.Commands;

/// <summary>Where the services are and the bearer token to call them with; options on every command, or environment variables.</summary>
public static class Connection
{
    public static readonly Option<Uri> Workforce = Address("--workforce", "WORKFORCE_URL", 5101, "the workforce service");
    public static readonly Option<Uri> Caseload = Address("--caseload", "CASELOAD_URL", 5102, "the caseload service");
    public static readonly Option<Uri> Supervision = Address("--supervision", "SUPERVISION_URL", 5103, "the supervision service");

    public static readonly Option<string> Token = new("--token")
    {
        Description = "Bearer token (default: $WORKFORCE_TOKEN; `workforce token` prints a development one)",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Add(Workforce);
        root.Add(Caseload);
        root.Add(Supervision);
        root.Add(Token);
    }

    /// <summary>
    /// A channel whose streams may each receive 1 MiB before the window must open again: at HTTP/2's default 64 KiB,
    /// replies larger than that occasionally hung until their deadline (README, National scale).
    /// </summary>
    public static GrpcChannel Channel(ParseResult parse, Option<Uri> service) => GrpcChannel.ForAddress(parse.GetRequiredValue(service), new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { InitialHttp2StreamWindowSize = 1024 * 1024 },
    });

    public static Metadata Headers(ParseResult parse)
    {
        // Not a default value: help would print it.
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("WORKFORCE_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CliException("no token: pass --token or set WORKFORCE_TOKEN (for development: export WORKFORCE_TOKEN=$(workforce token))");
        }

        return new Metadata { { "authorization", "Bearer " + token } };
    }

    private static Option<Uri> Address(string name, string variable, int port, string what) => new(name)
    {
        Description = $"Address of {what} (default: ${variable}, else http://127.0.0.1:{port})",
        Recursive = true,
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : $"http://127.0.0.1:{port}"),
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                return address;
            }

            r.AddError($"{name} must be an http:// or https:// address, not '{text}'");
            return null;
        },
    };
}

/// <summary>A problem the user can fix (a missing token, a bad file), printed without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
