using Npgsql;
using Workforce.HostileInput;

const string Usage =
    "usage: dotnet run --project deploy/HostileInput -c Release -- --workforce URL --caseload URL --supervision URL "
    + "(--sqlite-dir DIR | --postgres CONNECTION) [--requests 10000] [--seed 1] [--concurrency 8] [--authority 841] [--other-authority 840] "
    + "[--issuer workforce-dev] [--audience workforce] [--signing-key KEY (default: $WORKFORCE_DEV_SIGNING_KEY, else the development key)]";

var values = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--requests"] = "10000",
    ["--seed"] = "1",
    ["--concurrency"] = "8",
    ["--authority"] = "841",
    ["--other-authority"] = "840",
    ["--issuer"] = "workforce-dev",
    ["--audience"] = "workforce",
    ["--signing-key"] = Environment.GetEnvironmentVariable("WORKFORCE_DEV_SIGNING_KEY") is { Length: > 0 } key ? key : "workforce-development-signing-key-change-me-0123456789",
};
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"{args[i]}: expected an option with a value\n{Usage}");
        return 2;
    }

    values[args[i]] = args[++i];
}

Uri? Address(string name) => values.TryGetValue(name, out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
int? Number(string name) => int.TryParse(values[name], out var number) && number > 0 ? number : null;

var services = new[] { "workforce", "caseload", "supervision" }.ToDictionary(s => s, s => Address("--" + s));
if (services.Values.Any(uri => uri is null) || Number("--requests") is not { } requests || Number("--seed") is not { } seed || Number("--concurrency") is not { } concurrency
    || values.ContainsKey("--sqlite-dir") == values.ContainsKey("--postgres"))
{
    Console.Error.WriteLine($"Give the three service addresses, one of --sqlite-dir and --postgres, and positive numbers.\n{Usage}");
    return 2;
}

var councils = new Councils(values["--authority"], values["--other-authority"]);
var export = values.TryGetValue("--sqlite-dir", out var directory)
    ? DataExport.Sqlite(directory, councils.Sandbox)
    : DataExport.Postgres(services.Keys.ToDictionary(s => s, s => new NpgsqlConnectionStringBuilder(values["--postgres"]) { Database = s }.ConnectionString), councils.Sandbox);
var options = new BarrageOptions(services.ToDictionary(s => s.Key, s => s.Value!), new TokenSettings(values["--issuer"], values["--audience"], values["--signing-key"]), requests, seed, councils, concurrency);

var report = await new Barrage(options, export).RunAsync(Console.WriteLine);
Console.WriteLine();
Console.WriteLine(report.CoverageMatrix());
Console.WriteLine(report.Summary());
Console.Write(report.Failures());
return report.Passed ? 0 : 1;
