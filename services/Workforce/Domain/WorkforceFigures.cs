using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>Which part of a council a figure covers; null parts mean all.</summary>
public sealed record Scope(string? Team = null, int? CensusRole = null)
{
    public static readonly Scope Council = new();

    public bool Includes(PostState state) =>
        (Team is null || state.Team == Team) && (CensusRole is null || state.CensusRole == CensusRole);
}

public sealed record AgencyRate(
    decimal AgencyFte,
    decimal EmployedFte,
    int AgencyHeadcount,
    int EmployedHeadcount,
    IReadOnlyDictionary<CoverReason, decimal> AgencyFteByCoverReason)
{
    /// <summary>Agency FTE ÷ (agency + directly employed FTE), as a percentage; null when nobody is in post.</summary>
    public decimal? RateByFtePercent => Percent(AgencyFte, AgencyFte + EmployedFte);

    public decimal? RateByHeadcountPercent => Percent(AgencyHeadcount, AgencyHeadcount + EmployedHeadcount);

    /// <summary>Agency FTE covering vacancies ÷ agency FTE, as a percentage.</summary>
    public decimal? CoverRatePercent => Percent(AgencyFteByCoverReason.GetValueOrDefault(CoverReason.Vacancy), AgencyFte);

    internal static decimal? Percent(decimal part, decimal whole) => whole == 0 ? null : 100m * part / whole;
}

public sealed record Stability(
    DateOnly YearFrom,
    DateOnly AsOf,
    decimal EmployedFte,
    int EmployedHeadcount,
    decimal StartersFte,
    int StartersHeadcount,
    decimal LeaversFte,
    int LeaversHeadcount,
    decimal? VacancyFte,
    decimal WorkingDaysLost,
    AgencyRate Agency)
{
    /// <summary>Directly employed leavers' FTE in the year ÷ directly employed FTE in post at the date.</summary>
    public decimal? TurnoverRatePercent => AgencyRate.Percent(LeaversFte, EmployedFte);

    /// <summary>Vacant FTE ÷ (vacant FTE + directly employed FTE); null for a scope establishment is not funded by (a role).</summary>
    public decimal? VacancyRatePercent => VacancyFte is { } vacant ? AgencyRate.Percent(vacant, vacant + EmployedFte) : null;

    /// <summary>Working days lost to sickness ÷ (directly employed FTE × working days in the year).</summary>
    public decimal? AbsenceRatePercent => AgencyRate.Percent(WorkingDaysLost, EmployedFte * WorkforceFigures.WorkingDaysPerYear);
}

/// <summary>
/// The DfE children's social work workforce measures (domain.md §1, with the conventions of §1a). Only registered
/// social workers count; FTE sums over posts; headcount counts people, each under their most senior post.
/// </summary>
public static class WorkforceFigures
{
    public const int WorkingDaysPerYear = 253;

    public static AgencyRate AgencyRateOn(Register register, DateOnly day, Scope scope)
    {
        var counted = Counted(register.InPost(day), scope).ToList();
        var agency = counted.Where(p => p.State.Contract == ContractType.Agency).ToList();
        var employed = counted.Where(p => p.State.Contract == ContractType.Employed).ToList();
        var people = MostSeniorPostPerPerson(counted);
        return new AgencyRate(
            SumFte(agency),
            SumFte(employed),
            people.Count(p => p.State.Contract == ContractType.Agency),
            people.Count(p => p.State.Contract == ContractType.Employed),
            agency.GroupBy(p => p.State.CoverReason).ToDictionary(g => g.Key, SumFte));
    }

    /// <summary>Starters, leavers, turnover, vacancy and absence for the year to <paramref name="asOf"/>: (asOf − 1 year, asOf].</summary>
    public static Stability StabilityForYearTo(Register register, DateOnly asOf, Scope scope)
    {
        var yearFrom = asOf.AddYears(-1).AddDays(1);
        var agency = AgencyRateOn(register, asOf, scope);
        var inPost = Counted(register.InPost(asOf), scope).Where(p => p.State.Contract == ContractType.Employed).ToList();

        var leavers = Leavers(register, yearFrom, asOf, scope).ToList();
        var starters = Starters(register, yearFrom, asOf, scope).ToList();
        var vacancy = VacancyFteMillionths(register, asOf, scope);
        var daysLost = inPost.Select(p => p.Post).Distinct()
            .SelectMany(post => post.Absences)
            .Where(a => a.Reason == AbsenceReason.Sickness)
            .Sum(a => a.WorkingDaysLostWithin(yearFrom, asOf, asOf));

        return new Stability(
            yearFrom,
            asOf,
            SumFte(inPost),
            MostSeniorPostPerPerson(inPost).Count,
            starters.Sum(s => s.State.Fte),
            starters.Select(s => s.Post.PersonId).Distinct().Count(),
            leavers.Sum(l => l.State.Fte),
            leavers.Select(l => l.Post.PersonId).Distinct().Count(),
            vacancy is { } vacant ? Fte.FromMillionths(vacant) : null,
            daysLost,
            agency);
    }

    /// <summary>How long before an old post's last day a person's new post may start and still be a move (a handover).</summary>
    public const int MoveHandoverDays = 28;

    /// <summary>
    /// Directly employed registered workers whose employment ended with a last day in [from − 1 day, to − 1 day],
    /// i.e. ended in (from − 1 day, to]: explicit leavers and moves to agency work, at the FTE of the last day.
    /// A move is not a leaver: the same person starting another registered, directly employed post no earlier than
    /// <see cref="MoveHandoverDays"/> before the last day and by the next day.
    /// </summary>
    public static IEnumerable<PostOnDay> Leavers(Register register, DateOnly from, DateOnly to, Scope scope)
    {
        var firstLastDay = from.AddDays(-1);
        var lastLastDay = to.AddDays(-1);
        var postsByPerson = register.Posts.ToLookup(p => p.PersonId, StringComparer.Ordinal);
        foreach (var post in register.Posts)
        {
            foreach (var exit in post.Exits)
            {
                if (exit.LastDay < firstLastDay || exit.LastDay > lastLastDay
                    || exit.State.Contract != ContractType.Employed || !exit.State.Registered || !scope.Includes(exit.State))
                {
                    continue;
                }

                var moved = exit.Kind == ExitKind.Left && postsByPerson[post.PersonId].Any(other =>
                    other.StaffId != post.StaffId && IsMove(exit.LastDay, other, ContractType.Employed));
                if (!moved)
                {
                    yield return new PostOnDay(post, exit.State);
                }
            }
        }
    }

    /// <summary>
    /// Registered posts whose employment (direct or agency) began in [from, to], at their first day's FTE; a post the
    /// same person moved into from another post of the same kind (see <see cref="Leavers"/>) is not a starter.
    /// </summary>
    public static IEnumerable<PostOnDay> Starters(Register register, DateOnly from, DateOnly to, Scope scope)
    {
        var postsByPerson = register.Posts.ToLookup(p => p.PersonId, StringComparer.Ordinal);
        foreach (var post in register.Posts)
        {
            foreach (var start in post.Starts.Where(s => s >= from && s <= to))
            {
                if (post.StateOn(start) is not { Registered: true } state || !scope.Includes(state))
                {
                    continue;
                }

                var movedIn = postsByPerson[post.PersonId].Any(other => other.StaffId != post.StaffId
                    && other.Exits.Any(e => e.Kind == ExitKind.Left && e.State.Registered && e.State.Contract == state.Contract
                        && InMoveWindow(e.LastDay, start)));
                if (!movedIn)
                {
                    yield return new PostOnDay(post, state);
                }
            }
        }
    }

    /// <summary>True when <paramref name="next"/> starts a registered post of <paramref name="contract"/> within the move window of a post ending on <paramref name="lastDay"/>.</summary>
    private static bool IsMove(DateOnly lastDay, PostTimeline next, ContractType contract) =>
        next.Starts.Any(start => InMoveWindow(lastDay, start) && next.StateOn(start) is { Registered: true } state && state.Contract == contract);

    private static bool InMoveWindow(DateOnly lastDay, DateOnly start) =>
        start >= lastDay.AddDays(1 - MoveHandoverDays) && start <= lastDay.AddDays(1);

    /// <summary>
    /// For each team: funded FTE in force minus directly employed FTE in post, floored at zero; summed. Null for a
    /// role scope: establishment is funded per team, not per role.
    /// </summary>
    public static long? VacancyFteMillionths(Register register, DateOnly day, Scope scope)
    {
        if (scope.CensusRole is not null)
        {
            return null;
        }

        var employedByTeam = Counted(register.InPost(day), scope)
            .Where(p => p.State.Contract == ContractType.Employed)
            .GroupBy(p => p.State.Team)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.State.FteMillionths));
        return register.EstablishedTeams
            .Where(team => scope.Team is null || team == scope.Team)
            .Sum(team => Math.Max(0, register.FundedFteMillionths(team, day) - employedByTeam.GetValueOrDefault(team)));
    }

    private static IEnumerable<PostOnDay> Counted(IEnumerable<PostOnDay> posts, Scope scope) =>
        posts.Where(p => p.State.Registered && scope.Includes(p.State));

    /// <summary>One post per person: the most senior (lowest census role), then the larger FTE, then the lower id.</summary>
    private static List<PostOnDay> MostSeniorPostPerPerson(IEnumerable<PostOnDay> posts) =>
        posts.GroupBy(p => p.Post.PersonId)
            .Select(person => person
                .OrderBy(p => p.State.CensusRole)
                .ThenByDescending(p => p.State.FteMillionths)
                .ThenBy(p => p.Post.StaffId, StringComparer.Ordinal)
                .First())
            .ToList();

    private static decimal SumFte(IEnumerable<PostOnDay> posts) => Fte.FromMillionths(posts.Sum(p => p.State.FteMillionths));
}
