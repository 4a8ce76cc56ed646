using System.CommandLine;
using Caseload.V1;
using Workforce.Cli.Census;
using Workforce.V1;

namespace Workforce.Cli.Commands;

/// <summary><c>workforce export census</c> and <c>workforce import census</c>: the DfE annual return out of and into the suite.</summary>
public static class CensusCommands
{
    public static Command Export()
    {
        var authority = Options.Authority();
        var year = new Option<int>("--year") { Description = "The reporting year: the one ending on 30 September of this year", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the XML return (default: standard output)" };
        var command = new Command("census", "Export the annual census return for a year, listing what the register lacks for it") { authority, year, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var headers = Connection.Headers(parse);
            var council = parse.GetRequiredValue(authority);
            var register = new StaffRegister.StaffRegisterClient(Connection.Channel(parse, Connection.Workforce));
            var census = await register.ExportCensusReturnAsync(new ExportCensusReturnRequest { Authority = council, Year = parse.GetValue(year) }, headers, cancellationToken: cancellationToken);
            var cases = await CasesAsync(new CaseAllocations.CaseAllocationsClient(Connection.Channel(parse, Connection.Caseload)), council, census.ReferenceDate, headers, cancellationToken);

            var file = new CensusFile(council, census.Year, census.VacancyFte, census.AgencyFte, census.AgencyHeadcount,
                [.. census.Workers.Select(w => new CensusRecord(w, w.EndDate is null ? cases.GetValueOrDefault(w.WorkerId) : null))]);
            var document = CensusXml.Write(file);
            if (parse.GetValue(output) is { } path)
            {
                document.Save(path.FullName);
            }
            else
            {
                Console.WriteLine(document.Declaration + Environment.NewLine + document);
            }

            // Problems go to standard error so the return itself can be piped.
            Console.Error.WriteLine($"Census {census.Year} for {council}: {census.Workers.Count} worker records, {census.Problems.Count} problem(s).");
            foreach (var problem in census.Problems)
            {
                Console.Error.WriteLine(problem.WorkerId.Length > 0 ? $"worker {problem.WorkerId}, {problem.Field}: {problem.Message}" : $"council, {problem.Field}: {problem.Message}");
            }

            return census.Problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "The XML return" };
        var authority = new Option<string?>("--authority") { Description = "Import into this council (default: the return's LEA)" };
        var command = new Command("census", "Import an annual census return: the posts, leavers and absences that reproduce its 30 September figures") { file, authority };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CensusFile census;
            using (var reader = new StreamReader(parse.GetRequiredValue(file).FullName))
            {
                census = CensusXml.Read(reader);
            }

            var council = parse.GetValue(authority) ?? census.Authority;
            var changes = CensusChanges.From(census with { Authority = council });
            var register = new StaffRegister.StaffRegisterClient(Connection.Channel(parse, Connection.Workforce));
            var (tally, refused) = await Sending.WithProgressAsync(new ChangeImport(register, Connection.Headers(parse)), council, changes, 500,
                done => $"worker {changes[done - 1].StaffId}", cancellationToken);
            Console.WriteLine($"Imported the {census.Year} return into {council}: {census.Records.Count} worker records as {changes.Count} changes; {tally}.");
            foreach (var refusal in refused)
            {
                Console.WriteLine($"refused: worker {changes[refusal.Index].StaffId}, {refusal.Field}: {refusal.Message}");
            }

            if (refused.Count > 0)
            {
                return 1;
            }

            if (CensusChanges.ReportedCaseloads(census with { Authority = council }) is { Workers.Count: > 0 } reported)
            {
                var caseload = new CaseAllocations.CaseAllocationsClient(Connection.Channel(parse, Connection.Caseload));
                var reply = await caseload.RecordReportedCaseloadsAsync(reported, Connection.Headers(parse), cancellationToken: cancellationToken);
                Console.WriteLine($"Recorded the cases {reply.Recorded} workers held on 30 September as reported caseloads (replacing {reply.Replaced}).");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Cases each worker holds on the reference date, from the caseload service.</summary>
    private static async Task<Dictionary<string, int>> CasesAsync(
        CaseAllocations.CaseAllocationsClient caseload, string authority, Google.Type.Date day, Grpc.Core.Metadata headers, CancellationToken cancellationToken)
    {
        var cases = new Dictionary<string, int>(StringComparer.Ordinal);
        var request = new ListCaseloadsRequest { Authority = authority, AsOf = day, PageSize = 1000 };
        do
        {
            var page = await caseload.ListCaseloadsAsync(request, headers, cancellationToken: cancellationToken);
            foreach (var worker in page.Workers)
            {
                cases[worker.StaffId] = worker.Cases;
            }

            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return cases;
    }
}
