using Workforce.DemoCouncil;

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (command.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var council = Council.Generate(command.Options);
var feed = HrFeed.From(council);
var allocations = AllocationFeed.From(council);
var supervision = SupervisionFeed.From(council);
Console.WriteLine(feed.Summary);
Console.WriteLine(allocations.Summary);
Console.WriteLine(supervision.Summary);
if (command.DryRun)
{
    return 0;
}

// Allocations and sessions name staff ids of the HR feed, so it goes first.
var exitCode = await FeedSender.SendAsync(feed, command.Workforce!, command.Token!);
if (exitCode == 0 && command.Caseload is not null)
{
    exitCode = await FeedSender.SendAsync(allocations, command.Caseload, command.Token!);
}

return exitCode != 0 || command.Supervision is null ? exitCode : await FeedSender.SendAsync(supervision, command.Supervision, command.Token!);
