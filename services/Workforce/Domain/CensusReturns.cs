using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>One record of a census return: a registered post in post at the reference date, or one spell of it that ended in the year.</summary>
public sealed record CensusWorker(
    string WorkerId,
    bool Agency,
    string? SweNumber,
    decimal Fte,
    int Role,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? LeavingReason,
    decimal? FteAtReferenceDate,
    decimal WorkingDaysLost,
    AbsenceReason? AbsenceAtReferenceDate);

/// <summary>Something the return needs that the register does not hold, named by worker id (or none for the council block).</summary>
public sealed record CensusProblem(string? WorkerId, string Field, string Message);

public sealed record CensusReturn(
    int Year,
    DateOnly YearFrom,
    DateOnly ReferenceDate,
    decimal VacancyFte,
    decimal AgencyFte,
    int AgencyHeadcount,
    IReadOnlyList<CensusWorker> Workers,
    IReadOnlyList<CensusProblem> Problems);

/// <summary>
/// The DfE annual return (domain.md §7) for the reporting year to 30 September, from the register. Only registered
/// social workers are returned. A post gets one record if it is in post at the reference date (its FTE, role and
/// contract then, and the start of that spell) and one per spell of it that ended in the year (FTE, role and contract
/// of its last day, the end date and leaving reason), so leavers, moves and agency spells that began and ended in the
/// year are all there. Working days lost are the sickness days inside the year, on the post's latest record.
/// </summary>
public static class CensusReturns
{
    public const string MovedToAgencyWork = "moved to agency work";

    public static CensusReturn Build(Register register, int year)
    {
        var referenceDate = new DateOnly(year, 9, 30);
        var yearFrom = referenceDate.AddYears(-1).AddDays(1);
        var workers = new List<CensusWorker>();
        var problems = new List<CensusProblem>();
        foreach (var post in register.Posts.OrderBy(p => p.StaffId, StringComparer.Ordinal))
        {
            var daysLost = post.Absences.Where(a => a.Reason == AbsenceReason.Sickness).Sum(a => a.WorkingDaysLostWithin(yearFrom, referenceDate, referenceDate));
            var records = new List<CensusWorker>();
            foreach (var exit in post.Exits.Where(e => e.LastDay >= yearFrom.AddDays(-1) && e.LastDay < referenceDate && e.State.Registered))
            {
                var reason = exit.Kind == ExitKind.BecameAgency ? MovedToAgencyWork : exit.Reason;
                records.Add(Record(post, exit.State, SpellStart(post, exit.LastDay), exit.LastDay, reason, null, null));
                if (reason is null && exit.State.Contract == ContractType.Employed)
                {
                    problems.Add(new CensusProblem(post.StaffId, "leaving_reason", $"left on {exit.LastDay:yyyy-MM-dd} with no reason for leaving recorded"));
                }
            }

            if (post.StateOn(referenceDate) is { Registered: true } state)
            {
                var absence = post.Absences.LastOrDefault(a => a.Covers(referenceDate))?.Reason;
                records.Add(Record(post, state, SpellStart(post, referenceDate), null, null, state.Fte, absence));
            }

            if (records.Count == 0)
            {
                continue;
            }

            records[^1] = records[^1] with { WorkingDaysLost = daysLost };
            if (records.Any(r => r.SweNumber is null))
            {
                problems.Add(new CensusProblem(post.StaffId, "swe_number", "a registered social worker with no Social Work England number"));
            }

            workers.AddRange(records);
        }

        var agency = WorkforceFigures.AgencyRateOn(register, referenceDate, Scope.Council);
        var employedTeams = register.InPost(referenceDate)
            .Where(p => p.State is { Registered: true, Contract: ContractType.Employed })
            .Select(p => p.State.Team)
            .Distinct()
            .Where(team => !register.EstablishedTeams.Contains(team))
            .Order(StringComparer.Ordinal);
        problems.AddRange(employedTeams.Select(team => new CensusProblem(null, "vacancy_fte", $"team '{team}' has no funded establishment, so its vacancies are not counted")));

        return new CensusReturn(
            year,
            yearFrom,
            referenceDate,
            Fte.FromMillionths(WorkforceFigures.VacancyFteMillionths(register, referenceDate, Scope.Council) ?? 0),
            agency.AgencyFte,
            agency.AgencyHeadcount,
            workers,
            problems);
    }

    private static CensusWorker Record(PostTimeline post, PostState state, DateOnly start, DateOnly? end, string? reason, decimal? fteAtReferenceDate, AbsenceReason? absence) =>
        new(post.StaffId, state.Contract == ContractType.Agency, state.SweNumber, state.Fte, state.CensusRole, start, end, reason, fteAtReferenceDate, 0, absence);

    /// <summary>The first day of the spell of employment (direct or agency) that includes <paramref name="day"/>.</summary>
    private static DateOnly SpellStart(PostTimeline post, DateOnly day) => post.Starts.Where(s => s <= day).Max();
}
