using Workforce.Offboard;

const string Usage =
    "usage: dotnet run --project deploy/Offboard -c Release -- --authority CODE --token OPERATIONS_TOKEN (--sqlite-dir DIR | --postgres CONNECTION) "
    + "[--workforce http://127.0.0.1:5101] [--caseload http://127.0.0.1:5102] [--supervision http://127.0.0.1:5103] [--dry-run]";

var values = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--workforce"] = "http://127.0.0.1:5101",
    ["--caseload"] = "http://127.0.0.1:5102",
    ["--supervision"] = "http://127.0.0.1:5103",
};
var dryRun = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        case "--dry-run":
            dryRun = true;
            continue;
    }

    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"{args[i]}: expected an option with a value\n{Usage}");
        return 2;
    }

    values[args[i]] = args[++i];
}

var services = CouncilDataScan.Services
    .Select(s => (Service: s, Address: Uri.TryCreate(values["--" + s], UriKind.Absolute, out var uri) ? uri : null))
    .ToList();
if (!values.TryGetValue("--authority", out var authority) || !values.TryGetValue("--token", out var token)
    || services.Any(s => s.Address is null) || values.ContainsKey("--sqlite-dir") == values.ContainsKey("--postgres"))
{
    Console.Error.WriteLine($"Give the authority, an operations token for it, one of --sqlite-dir and --postgres, and absolute service addresses.\n{Usage}");
    return 2;
}

var scan = values.TryGetValue("--sqlite-dir", out var directory) ? CouncilDataScan.Sqlite(directory) : CouncilDataScan.Postgres(values["--postgres"]);
var report = await OffboardRun.RunAsync(new OffboardOptions(authority, services.Select(s => (s.Service, s.Address!)).ToList(), token, scan, dryRun), Console.WriteLine);
Console.WriteLine(report.Format());
return dryRun || report.Remaining == 0 ? 0 : 1;
