using System.Globalization;

namespace Workforce.SyntheticEngland;

/// <summary>--councils N, --years 2017-2025 (or one year), --authority CODE (repeatable), --seed S, --no-supervision.</summary>
public static class EnglandCommandLine
{
    public const string Usage =
        "usage: dotnet run --project deploy/SyntheticEngland -- [--councils N] [--years 2017-2025] [--authority 841]... [--seed 20250930] [--no-supervision]";

    /// <summary>Reads the options an England run shares with the load driver; the rest is handed back.</summary>
    public static EnglandOptions Parse(IReadOnlyList<string> args) => Parse(args, out var rest) is var options && rest.Count == 0
        ? options
        : throw new ArgumentException($"unknown argument {rest[0]}");

    public static EnglandOptions Parse(IReadOnlyList<string> args, out List<string> rest)
    {
        var options = new EnglandOptions();
        var authorities = new List<string>();
        rest = [];
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Whole(string text) => int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} {text} is not a positive whole number");
            switch (args[i])
            {
                case "--councils":
                    options = options with { Councils = Whole(Value()) };
                    break;
                case "--years":
                    var years = Value().Split('-');
                    options = options with { FirstYear = Whole(years[0]), LastYear = Whole(years[^1]) };
                    if (options.FirstYear > options.LastYear || options.FirstYear < 2017 || options.LastYear > 2025)
                    {
                        throw new ArgumentException("--years must lie within 2017-2025, first year first");
                    }

                    break;
                case "--authority":
                    authorities.Add(Value());
                    break;
                case "--seed":
                    options = options with { Seed = Whole(Value()) };
                    break;
                case "--no-supervision":
                    options = options with { Supervision = false };
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return options with { Authorities = authorities };
    }
}
