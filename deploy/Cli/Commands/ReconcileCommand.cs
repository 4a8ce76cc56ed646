using System.CommandLine;
using Workforce.Cli.Hr;
using Workforce.V1;

namespace Workforce.Cli.Commands;

/// <summary><c>workforce reconcile FILE.csv</c>: an HR system's list of posts in post against the register, and optionally the changes that close the gaps.</summary>
public static class ReconcileCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The HR list of posts in post at --as-of (the HR layout without change and effective_date)" };
        var authority = Options.Authority();
        var asOf = Options.Date("--as-of", "The date the HR list describes (default today)");
        var mapping = new Option<FileInfo?>("--mapping") { Description = "JSON mapping of HR columns and codes to ours" };
        var apply = new Option<bool>("--apply") { Description = "Record the changes that close the differences (needs the hr-writer role as well as analyst)" };
        var command = new Command("reconcile", "Compare an HR list of posts with the register; with --apply, close the differences") { file, authority, asOf, mapping, apply };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var council = parse.GetRequiredValue(authority);
            var day = parse.GetValue(asOf) ?? DateOnly.FromDateTime(DateTime.Today);
            var map = parse.GetValue(mapping) is { } m ? HrMapping.Load(m.FullName) : new HrMapping();
            HrFile read;
            using (var reader = new StreamReader(parse.GetRequiredValue(file).FullName))
            {
                read = HrRows.ReadPosts(reader, council, map, day);
            }

            if (read.Errors.Count > 0)
            {
                foreach (var error in read.Errors)
                {
                    Console.WriteLine(error);
                }

                Console.WriteLine("Nothing was compared: fix the rows above.");
                return 1;
            }

            var request = new ReconcileStaffRequest { Authority = council, AsOf = Options.ToProto(day), Apply = parse.GetValue(apply) };
            request.Posts.AddRange(read.Rows.Select(r => new HrPost { StaffId = r.Change.StaffId, PersonId = r.Change.PersonId, Assignment = r.Change.Assignment }));
            var register = new StaffRegister.StaffRegisterClient(Connection.Channel(parse, Connection.Workforce));
            var reply = await register.ReconcileStaffAsync(request, Connection.Headers(parse), cancellationToken: cancellationToken);

            Console.WriteLine($"At {Options.Show(reply.AsOf)}: {reply.HrPosts} posts in the HR list, {reply.RegisterPosts} in post in the register, {reply.Differences.Count} difference(s).");
            foreach (var difference in reply.Differences)
            {
                Console.WriteLine(difference.Kind switch
                {
                    DifferenceKind.MissingFromRegister => $"{difference.StaffId}: in the HR list, not in post in the register",
                    DifferenceKind.ExtraInRegister => $"{difference.StaffId}: in post in the register, not in the HR list",
                    _ => $"{difference.StaffId}: " + string.Join("; ", difference.Fields.Select(f => $"{f.Field} HR '{f.HrValue}', register '{f.RegisterValue}'")),
                });
            }

            if (request.Apply)
            {
                Console.WriteLine($"Applied: {reply.Applied.Count(a => a.Status != ChangeStatus.Duplicate)} change(s) recorded, {reply.Applied.Count(a => a.Status == ChangeStatus.Duplicate)} already held.");
                return 0;
            }

            return reply.Differences.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
