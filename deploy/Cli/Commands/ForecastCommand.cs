using System.CommandLine;
using Caseload.V1;

namespace Workforce.Cli.Commands;

/// <summary><c>workforce forecast</c>: where the council's caseloads are heading, month by month, with 80% intervals.</summary>
public static class ForecastCommand
{
    public static Command Create()
    {
        var authority = Options.Authority();
        var team = Options.Team();
        var start = Options.Date("--start", "Forecast from the last month end on or before this date (default today)");
        var months = new Option<int>("--months") { Description = "Months ahead (1–24)", DefaultValueFactory = _ => 12 };
        var addFte = new Option<double>("--add-fte") { Description = "What if: case-holding FTE added (negative: removed)" };
        var from = Options.Date("--from", "When --add-fte takes effect (default today)");
        var command = new Command("forecast", "Caseload forecast: open cases, case-holding FTE, average caseload and the chance of meeting the target")
        {
            authority, team, start, months, addFte, from,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new CaseloadForecastRequest
            {
                Authority = parse.GetRequiredValue(authority),
                Team = parse.GetValue(team) ?? "",
                Start = Options.ToProto(parse.GetValue(start)),
                HorizonMonths = parse.GetValue(months),
                Scenario = new ForecastScenario(),
            };
            var client = new CaseAllocations.CaseAllocationsClient(Connection.Channel(parse, Connection.Caseload));
            if (parse.GetValue(addFte) is var fte and not 0)
            {
                request.Scenario.FteChanges.Add(new FteChange { From = Options.ToProto(parse.GetValue(from) ?? DateOnly.FromDateTime(DateTime.Today)), Fte = fte });
            }

            var forecast = await client.GetCaseloadForecastAsync(request, Connection.Headers(parse), cancellationToken: cancellationToken);
            Console.WriteLine($"Council {request.Authority}: forecast from {Options.Show(forecast.Origin)} against a target of {Options.Number(forecast.Target)} ({forecast.DemandMethod})");
            foreach (var sentence in forecast.ScenarioApplied)
            {
                Console.WriteLine("what if: " + sentence);
            }

            Console.WriteLine("month end  | open cases (80%)     | case-holding FTE (80%) | average caseload (80%) | P(target met)");
            foreach (var month in forecast.Months)
            {
                Console.WriteLine($"{Options.Show(month.MonthEnd)} | {Cell(month.OpenCases, "0"),-20} | {Cell(month.CaseHoldingFte, "0.0"),-22} | {Cell(month.AverageCaseload, "0.0"),-22} | {Options.Number(100 * month.ProbabilityTargetMet, "0")}%");
            }

            Console.WriteLine(forecast.TargetFirstMet is null
                ? $"The point forecast does not reach the target within {forecast.Months.Count} months."
                : $"The point forecast first meets the target at {Options.Show(forecast.TargetFirstMet)}.");
            Console.WriteLine($"Chance the target is met in at least one month by the horizon: {Options.Number(100 * forecast.ProbabilityMetByHorizon, "0")}%");
            foreach (var note in forecast.Notes)
            {
                Console.WriteLine("note: " + note);
            }

            return 0;
        });
        return command;
    }

    private static string Cell(Interval interval, string format) =>
        $"{Options.Number(interval.Point, format)} ({Options.Number(interval.Lower80, format)}–{Options.Number(interval.Upper80, format)})";
}
