using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Workforce.Backtest;

internal sealed record BacktestCommand(bool Published, bool Demo, string OutputDirectory, int? Councils, bool Help)
{
    public const string Usage =
        "usage: dotnet run --project deploy/Backtest -c Release -- published|demo|all|scope [--out reports/backtest] [--councils N]\n" +
        "       [--caseload URL --token TOKEN --authority CODE [--team TEAM] [--start yyyy-MM-dd]]\n" +
        "  published: DfE children in need at 31 March (b1) and referrals (c1) per council, trained to 2022, forecast 2023-2025\n" +
        "  demo: month-end open cases of demo councils (default 6), rolling origins from 24 months, h = 1, 3, 6, 12\n" +
        "  scope: month-end open cases of one authority (or team) as a running caseload service holds them (an analyst token),\n" +
        "         rolling origins from 24 months, h = 1, 3, 6, 12\n" +
        "  --councils N: the first N councils of each (all published councils and 6 demo councils by default)";

    /// <summary>The live scope to back-test, when the command is <c>scope</c>.</summary>
    public ScopeTarget? Scope { get; init; }

    public string Arguments { get; init; } = "";

    /// <summary>Reads the arguments; on failure <paramref name="problem"/> says which one is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out BacktestCommand? command, out string? problem)
    {
        try
        {
            command = Parse(args);
            problem = null;
            return true;
        }
        catch (ArgumentException e)
        {
            command = null;
            problem = e.Message;
            return false;
        }
    }

    private static BacktestCommand Parse(IReadOnlyList<string> args)
    {
        var command = new BacktestCommand(false, false, Path.Combine("reports", "backtest"), null, false) { Arguments = string.Join(' ', args) };
        var what = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            if (args[i] is "published" or "demo" or "all" && !what)
            {
                what = true;
                command = command with { Published = args[i] != "demo", Demo = args[i] != "published" };
                continue;
            }

            if (args[i] == "scope" && !what)
            {
                what = true;
                command = command with { Scope = new ScopeTarget("", "", "", null, null) };
                continue;
            }

            command = args[i] switch
            {
                "--out" => command with { OutputDirectory = Value() },
                "--councils" => command with { Councils = int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--councils {args[i]} is not a positive whole number") },
                "--help" or "-h" => command with { Help = true },
                "--caseload" or "--token" or "--authority" or "--team" or "--start" when command.Scope is { } scope => command with { Scope = scope.With(args[i], Value()) },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        if (command.Scope is { } target && !command.Help)
        {
            target.Check();
        }

        return what || command.Help ? command : throw new ArgumentException("say published, demo, all or scope");
    }
}

/// <summary>Where the scope's history comes from: a caseload service, an analyst's token, an authority and optional team.</summary>
internal sealed record ScopeTarget(string Caseload, string Token, string Authority, string? Team, DateOnly? Start)
{
    public string Name => Team is null ? Authority : $"{Authority} team {Team}";

    public ScopeTarget With(string option, string value) => option switch
    {
        "--caseload" => this with { Caseload = value },
        "--token" => this with { Token = value },
        "--authority" => this with { Authority = value },
        "--team" => this with { Team = value },
        _ => this with
        {
            Start = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new ArgumentException($"--start {value} is not a date (yyyy-MM-dd)"),
        },
    };

    public void Check()
    {
        if (!Uri.TryCreate(Caseload, UriKind.Absolute, out _) || Token.Length == 0 || Authority.Length == 0)
        {
            throw new ArgumentException("scope needs --caseload URL, --token TOKEN and --authority CODE");
        }
    }
}
