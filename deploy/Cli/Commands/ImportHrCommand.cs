using System.CommandLine;
using Spectre.Console;
using Workforce.Cli.Hr;
using Workforce.V1;

namespace Workforce.Cli.Commands;

/// <summary><c>workforce import hr FILE.csv</c>: checks every row of an HR export, then sends it in atomic batches.</summary>
public static class ImportHrCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The HR export (CSV with a header line; layout in README)" };
        var authority = new Option<string>("--authority") { Description = "DfE LA code of the council, e.g. 841", Required = true };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "JSON mapping of HR columns, action codes, job codes, contract codes and date formats to ours" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report errors by line; send nothing" };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per atomic batch (1–1000)", DefaultValueFactory = _ => 500 };
        batchSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--batch-size must be from 1 to 1000");
            }
        });

        var command = new Command("hr", "Import an HR export: starters, changes, leavers, reinstatements and absences") { file, authority, mapping, dryRun, batchSize };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            var council = parse.GetRequiredValue(authority);
            var map = parse.GetValue(mapping) is { } m ? HrMapping.Load(m.FullName) : new HrMapping();
            HrFile read;
            using (var reader = new StreamReader(path.FullName))
            {
                read = HrRows.Read(reader, council, map);
            }

            Console.WriteLine($"{path.Name}: {read.Rows.Count + read.Errors.Select(e => e.Line).Distinct().Count()} rows, {read.Rows.Count} ready to send, {read.Errors.Select(e => e.Line).Distinct().Count()} with errors");
            foreach (var error in read.Errors)
            {
                Console.WriteLine(error);
            }

            if (parse.GetValue(dryRun))
            {
                Console.WriteLine("Dry run: nothing was sent.");
                return read.Errors.Count == 0 ? 0 : 1;
            }

            if (read.Errors.Count > 0)
            {
                Console.WriteLine("Nothing was sent: fix the rows above (check again with --dry-run).");
                return 1;
            }

            var register = new StaffRegister.StaffRegisterClient(Connection.Channel(parse, Connection.Workforce));
            var import = new HrImport(register, Connection.Headers(parse));
            var size = parse.GetValue(batchSize);
            ImportTally tally;
            IReadOnlyList<RowError> refused;
            try
            {
                (tally, refused) = await SendWithProgressAsync(import, council, read.Rows, size, cancellationToken);
            }
            catch (Grpc.Core.RpcException e)
            {
                throw new CliException($"The service answered {e.StatusCode}: {e.Status.Detail}. Batches already recorded stay recorded; run the same command again to resume.");
            }

            Console.WriteLine($"Imported {path.Name}: {tally}.");
            if (refused.Count > 0)
            {
                Console.WriteLine("The service refused a batch; it and the rows after it were not recorded:");
                foreach (var error in refused)
                {
                    Console.WriteLine(error);
                }

                return 1;
            }

            return 0;
        });
        return command;
    }

    private static async Task<(ImportTally, IReadOnlyList<RowError>)> SendWithProgressAsync(
        HrImport import, string authority, IReadOnlyList<HrRow> rows, int batchSize, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // One plain line per batch for logs and scripts: what is already recorded if the run stops here.
            return await import.SendAsync(authority, rows, batchSize,
                (tally, done) => Console.WriteLine($"sent {done} of {rows.Count} rows (to line {rows[done - 1].Line}); {tally}"), cancellationToken);
        }

        (ImportTally, IReadOnlyList<RowError>) outcome = default;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Sending", maxValue: rows.Count);
            outcome = await import.SendAsync(authority, rows, batchSize, (_, done) => task.Value = done, cancellationToken);
        });
        return outcome;
    }
}
