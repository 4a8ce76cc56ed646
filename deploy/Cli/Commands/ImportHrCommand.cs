using System.CommandLine;
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
            var import = new ChangeImport(register, Connection.Headers(parse));
            var size = parse.GetValue(batchSize);
            var (tally, refused) = await Sending.WithProgressAsync(import, council, [.. read.Rows.Select(r => r.Change)], size,
                done => $"to line {read.Rows[done - 1].Line}", cancellationToken);

            Console.WriteLine($"Imported {path.Name}: {tally}.");
            if (refused.Count > 0)
            {
                Console.WriteLine("The service refused a batch; it and the rows after it were not recorded:");
                foreach (var refusal in refused)
                {
                    Console.WriteLine(new RowError(read.Rows[refusal.Index].Line, refusal.Field, refusal.Message));
                }

                return 1;
            }

            return 0;
        });
        return command;
    }
}
