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

var feed = HrFeed.From(Council.Generate(command.Options));
Console.WriteLine(feed.Summary);
return command.DryRun ? 0 : await FeedSender.SendAsync(feed, command.Workforce!, command.Token!);
