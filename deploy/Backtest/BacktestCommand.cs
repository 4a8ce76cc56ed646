using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Workforce.Backtest;

internal sealed record BacktestCommand(bool Published, bool Demo, string OutputDirectory, int? Councils, bool Help)
{
    public const string Usage =
        "usage: dotnet run --project deploy/Backtest -c Release -- published|demo|all [--out reports/backtest] [--councils N]\n" +
        "  published: DfE children in need at 31 March (b1) and referrals (c1) per council, trained to 2022, forecast 2023-2025\n" +
        "  demo: month-end open cases of demo councils (default 6), rolling origins from 24 months, h = 1, 3, 6, 12\n" +
        "  --councils N: the first N councils of each (all published councils and 6 demo councils by default)";

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

            command = args[i] switch
            {
                "--out" => command with { OutputDirectory = Value() },
                "--councils" => command with { Councils = int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--councils {args[i]} is not a positive whole number") },
                "--help" or "-h" => command with { Help = true },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        return what || command.Help ? command : throw new ArgumentException("say published, demo or all");
    }
}
