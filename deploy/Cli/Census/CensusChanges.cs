using Workforce.V1;
using GoogleDate = Google.Type.Date;

namespace Workforce.Cli.Census;

/// <summary>
/// Turns a return into the staff changes that reproduce its figures at 30 September: for each record an assignment
/// from its start date (team <see cref="Team"/>, the record's role, FTE and contract, registered), a leaver on its
/// end date, a one-day absence on 30 September for the absence reason, and its sickness days lost as one day's
/// absence on the first day of the year (a return gives totals, not dates). The person is the Social Work England
/// number, so moves between posts and headcounts come out as they went in; the team's establishment is the employed
/// FTE in post plus the vacancies. Change ids derive from council, year, worker and record, so importing again adds nothing.
/// The cases held on 30 September go to the caseload service as reported caseloads (<see cref="ReportedCaseloads"/>).
/// </summary>
public static class CensusChanges
{
    /// <summary>The team imported history is held under: a return has no teams.</summary>
    public const string Team = "census";

    public static IReadOnlyList<StaffChange> From(CensusFile census)
    {
        var referenceDate = new GoogleDate { Year = census.Year, Month = 9, Day = 30 };
        var yearFrom = new GoogleDate { Year = census.Year - 1, Month = 10, Day = 1 };
        var prefix = $"census-{census.Authority}-{census.Year}";
        var changes = new List<StaffChange>();
        var employedAtReference = 0.0;
        foreach (var post in census.Records.GroupBy(r => r.Worker.WorkerId, StringComparer.Ordinal))
        {
            // In date order, each record's leaver before the next record's assignment: a later spell, not a plan the leaving overtook.
            var n = 0;
            foreach (var (worker, cases) in post.OrderBy(r => Key(r.Worker.StartDate)).Select(r => (r.Worker, r.Cases)))
            {
                var id = $"{prefix}-{worker.WorkerId}-{n++}";
                changes.Add(Change($"{id}-assignment", worker, worker.StartDate, c => c.Assignment = new Assignment
                {
                    Team = Team,
                    CensusRole = worker.Role,
                    Registered = true,
                    SweNumber = worker.SweNumber,
                    Contract = worker.Agency ? ContractType.Agency : ContractType.Employed,
                    Fte = worker.EndDate is null && worker.HasFteAtReferenceDate ? worker.FteAtReferenceDate : worker.Fte,
                    CaseHolding = cases is { } held ? held > 0 : worker.Role == 5,
                }));
                if (worker.EndDate is not null)
                {
                    changes.Add(Change($"{id}-leaver", worker, worker.EndDate, c => c.Leaver = new Leaver { Reason = worker.LeavingReason }));
                }
                else if (!worker.Agency)
                {
                    employedAtReference += worker.HasFteAtReferenceDate ? worker.FteAtReferenceDate : worker.Fte;
                }

                if (worker.AbsenceAtReferenceDate != AbsenceReason.Unspecified)
                {
                    changes.Add(Change($"{id}-absent", worker, referenceDate, c => c.Absence = new Absence { LastDay = referenceDate, Reason = worker.AbsenceAtReferenceDate }));
                }

                if (worker.WorkingDaysLost > 0)
                {
                    changes.Add(Change($"{id}-sickness", worker, yearFrom, c => c.Absence = new Absence
                    {
                        LastDay = yearFrom, Reason = AbsenceReason.Sickness, WorkingDaysLost = worker.WorkingDaysLost,
                    }));
                }
            }
        }

        changes.Add(new StaffChange
        {
            ChangeId = $"{prefix}-establishment",
            EffectiveDate = yearFrom,
            Establishment = new Establishment { Team = Team, FundedFte = Math.Round(employedAtReference + census.VacancyFte, 6) },
        });
        return changes;
    }

    /// <summary>The cases each worker in post on 30 September reported holding, for the caseload service to show beside its own figure.</summary>
    public static Caseload.V1.RecordReportedCaseloadsRequest ReportedCaseloads(CensusFile census)
    {
        var request = new Caseload.V1.RecordReportedCaseloadsRequest
        {
            Authority = census.Authority,
            ReferenceDate = new GoogleDate { Year = census.Year, Month = 9, Day = 30 },
            Source = $"DfE census {census.Year}",
        };
        request.Workers.AddRange(census.Records
            .Where(r => r.Worker.EndDate is null && r.Cases is not null)
            .Select(r => new Caseload.V1.ReportedCaseload
            {
                StaffId = r.Worker.WorkerId,
                Cases = r.Cases!.Value,
                Fte = r.Worker.HasFteAtReferenceDate ? r.Worker.FteAtReferenceDate : r.Worker.Fte,
            }));
        return request;
    }

    private static StaffChange Change(string id, CensusWorker worker, GoogleDate date, Action<StaffChange> set)
    {
        var change = new StaffChange { ChangeId = id, StaffId = worker.WorkerId, PersonId = worker.SweNumber, EffectiveDate = date };
        set(change);
        return change;
    }

    private static int Key(GoogleDate date) => (date.Year * 10000) + (date.Month * 100) + date.Day;
}
