using Workforce.Backtest;

if (!BacktestCommand.TryParse(args, out var command, out var problem) || command.Help)
{
    (problem is null ? Console.Out : Console.Error).WriteLine(string.Join(Environment.NewLine, new[] { problem, BacktestCommand.Usage }.OfType<string>()));
    return problem is null ? 0 : 2;
}

var report = new BacktestReport(command);
if (command.Published)
{
    report.RunPublished(Path.Combine(AppContext.BaseDirectory, "dfe"));
}

if (command.Demo)
{
    report.RunDemo();
}

if (command.Scope is { } scope)
{
    report.RunScope(scope.Name, await ScopeHistory.ReadAsync(scope));
}

Console.WriteLine(report.Write());
return 0;
