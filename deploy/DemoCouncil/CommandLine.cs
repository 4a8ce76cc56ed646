using System.Globalization;

namespace Workforce.DemoCouncil;

internal sealed record CommandLine(DemoCouncilOptions Options, Uri? Workforce, Uri? Caseload, Uri? Supervision, string? Token, bool DryRun, bool Help)
{
    public const string Usage =
        "usage: dotnet run --project deploy/DemoCouncil -- --workforce http://127.0.0.1:5101 [--caseload http://127.0.0.1:5102] [--supervision http://127.0.0.1:5103] --token <jwt> " +
        "[--authority 841] [--seed 20250930] [--end 2025-09-30] [--dry-run]";

    /// <summary>Reads the arguments; an <see cref="ArgumentException"/> says which one is wrong.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var command = new CommandLine(new DemoCouncilOptions(), null, null, null, null, false, false);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            Uri Address() => Uri.TryCreate(Value(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new ArgumentException($"{args[i - 1]} {args[i]} is not an http(s) address");
            command = args[i] switch
            {
                "--workforce" => command with { Workforce = Address() },
                "--caseload" => command with { Caseload = Address() },
                "--supervision" => command with { Supervision = Address() },
                "--token" => command with { Token = Value() },
                "--authority" => command with { Options = command.Options with { Authority = Value() } },
                "--seed" => command with { Options = command.Options with { Seed = int.TryParse(Value(), CultureInfo.InvariantCulture, out var seed) ? seed : throw new ArgumentException($"--seed {args[i]} is not a whole number") } },
                "--end" => command with { Options = command.Options with { End = DateOnly.TryParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : throw new ArgumentException($"--end {args[i]} is not a date like 2025-09-30") } },
                "--dry-run" => command with { DryRun = true },
                "--help" or "-h" => command with { Help = true },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        // Allocations and sessions name the HR feed's staff ids: the other services are only fed after the workforce service.
        if (!command.DryRun && !command.Help && (command.Workforce is null || string.IsNullOrEmpty(command.Token)))
        {
            throw new ArgumentException("--workforce and --token are required unless --dry-run");
        }

        return command;
    }
}
