using System.CommandLine;
using Caseload.V1;
using Supervision.V1;
using Workforce.V1;

namespace Workforce.Cli.Commands;

/// <summary><c>workforce report</c>: the three Ofsted workforce questions for one council at one date.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var authority = Options.Authority();
        var team = Options.Team();
        var asOf = Options.Date("--as-of", "The date of the figures (default today)");
        var command = new Command("report", "Headline figures: agency reliance, stability, caseloads against the target, supervision") { authority, team, asOf };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var headers = Connection.Headers(parse);
            var council = parse.GetRequiredValue(authority);
            var teamName = parse.GetValue(team) ?? "";
            var date = Options.ToProto(parse.GetValue(asOf));
            var register = new StaffRegister.StaffRegisterClient(Connection.Channel(parse, Connection.Workforce));
            var caseloads = new CaseAllocations.CaseAllocationsClient(Connection.Channel(parse, Connection.Caseload));
            var supervision = new SupervisionRecords.SupervisionRecordsClient(Connection.Channel(parse, Connection.Supervision));

            var agency = register.GetAgencyRateAsync(new FigureRequest { Authority = council, Team = teamName, AsOf = date }, headers, cancellationToken: cancellationToken);
            var stability = register.GetWorkforceStabilityAsync(new FigureRequest { Authority = council, Team = teamName, AsOf = date }, headers, cancellationToken: cancellationToken);
            var progress = caseloads.GetTargetProgressAsync(new TargetProgressRequest { Authority = council, Team = teamName, AsOf = date }, headers, cancellationToken: cancellationToken);
            var regularity = supervision.GetRegularityAsync(new RegularityRequest { Authority = council, Team = teamName, AsOf = date, Limit = 1 }, headers, cancellationToken: cancellationToken);

            var (a, s, p, r) = (await agency, await stability, await progress, await regularity);
            var caseload = p.Unadjusted;
            Console.WriteLine($"Council {council}{(teamName.Length > 0 ? $", team {teamName}" : "")} at {Options.Show(a.AsOf)}");
            Console.WriteLine($"agency rate (FTE): {Options.Percent(a.RateByFtePercent)} ({Options.Number(a.AgencyFte)} agency FTE, {Options.Number(a.EmployedFte)} employed FTE)");
            Console.WriteLine($"turnover (year from {Options.Show(s.YearFrom)}): {Options.Percent(s.TurnoverRatePercent)} ({Options.Number(s.LeaversFte)} leavers FTE)");
            Console.WriteLine($"vacancy rate: {Options.Percent(s.VacancyRatePercent)}{(s.HasVacancyFte ? $" ({Options.Number(s.VacancyFte)} vacant FTE)" : "")}");
            Console.WriteLine($"sickness absence rate: {Options.Percent(s.AbsenceRatePercent)}");
            Console.WriteLine($"average caseload: {(caseload.HasAverageCaseload ? Options.Number(caseload.AverageCaseload) : "n/a")} against a target of {Options.Number(p.Target)} ({caseload.Cases} cases, {Options.Number(caseload.CaseHoldingFte)} case-holding FTE)");
            Console.WriteLine($"case holders at or under target: {caseload.WorkersAtOrUnderTarget} of {caseload.CaseHoldingWorkers}");
            Console.WriteLine($"supervision in date: {Options.Percent(r.InDatePercent)} ({r.InDate} of {r.SupervisedStaff} supervised staff)");
            return 0;
        });
        return command;
    }
}
