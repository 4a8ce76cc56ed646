using System.CommandLine;
using Grpc.Core;
using Workforce.Cli.Census;
using Workforce.Cli.Commands;
using Workforce.Cli.Hr;

var root = new RootCommand("The Workforce suite from the terminal");
Connection.AddTo(root);
root.Add(new Command("import", "Import a file into the suite") { ImportHrCommand.Create(), CensusCommands.Import() });
root.Add(new Command("export", "Export from the suite") { CensusCommands.Export() });
root.Add(ReconcileCommand.Create());
root.Add(ReportCommand.Create());
root.Add(ForecastCommand.Create());
root.Add(TokenCommand.Create());

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is CliException or HrFileException or CensusFileException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (RpcException e)
{
    Console.Error.WriteLine($"The service answered {e.StatusCode}: {e.Status.Detail}");
    return 3;
}
