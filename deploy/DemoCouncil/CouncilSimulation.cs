using static Workforce.V1.AbsenceReason;
using static Workforce.V1.ContractType;
using static Workforce.V1.CoverReason;

namespace Workforce.DemoCouncil;

/// <summary>
/// Plays a Darlington-sized council month by month and writes what HR would record: leavers (~15% of FTE a year),
/// recruitment into the gap between establishment and staff (newly qualified ASYE starters in the autumn), agency
/// workers covering vacancies, absences and extra demand, sickness and maternity, promotions, team moves and FTE
/// changes — plus one scripted case of each awkward thing an HR feed carries (domain.md §6).
/// </summary>
internal sealed class CouncilSimulation
{
    private const string Leadership = "leadership";

    /// <summary>Share of directly employed FTE leaving in a year (Darlington 2025: 15.4%).</summary>
    private const double Turnover = 0.15;

    /// <summary>Funded FTE at the start; senior practitioners (role 4) and qualified staff without cases (role 6) a team keeps.</summary>
    private static readonly TeamPlan[] Plans =
    [
        new(Leadership, 4, 0, 0),
        new("assessment-1", 18, 3, 1),
        new("assessment-2", 16, 3, 0),
        new("child-protection-1", 17, 3, 0),
        new("child-protection-2", 16, 3, 0),
        new("looked-after", 18, 3, 1),
        new("leaving-care", 8, 2, 0),
    ];

    /// <summary>Budget changes each April: growth, and a restructure that leaves assessment-2 over establishment for a while.</summary>
    private static readonly (int Month, string Team, double FundedFte)[] EstablishmentChanges =
        [(6, "looked-after", 20), (18, "assessment-2", 13), (30, "leaving-care", 10), (42, "child-protection-1", 18)];

    private static readonly string[] PracticeTeams = [.. Plans.Where(p => p.Team != Leadership).Select(p => p.Team)];

    private static readonly string[] DemandTeams = ["assessment-1", "assessment-2", "child-protection-1", "child-protection-2"];

    private static readonly string[] LeavingReasons =
        ["resigned", "resigned", "resigned", "moved to another council", "moved to another council", "retired", "career change"];

    /// <summary>Part-time contracts as hours of a 37-hour week.</summary>
    private static readonly double[] PartTimeHours = [18.5, 22.5, 25, 29.6, 30, 33.3];

    private readonly Council _council;
    private readonly SeededRandom _random;
    private readonly List<Holder> _holders = [];

    /// <summary>Leaving FTE due but not yet drawn: a steady rate keeps every year's turnover near <see cref="Turnover"/>.</summary>
    private double _leavingDue;

    public CouncilSimulation(DemoCouncilOptions options)
    {
        _council = new Council(options);
        _random = new SeededRandom(options.Seed);
    }

    private DateOnly Start => _council.Options.Start;

    private DateOnly End => _council.Options.End;

    /// <summary>The HR system's extract of the workforce as it stood before the history starts.</summary>
    private DateOnly InitialExtract => Start.AddDays(-1);

    public Council Run()
    {
        Establish();
        InitialWorkforce();
        var index = 0;
        for (var first = Start; first <= End; first = first.AddMonths(1), index++)
        {
            var last = first.AddMonths(1).AddDays(-1);
            var month = new Month(index, first, last < End ? last : End);
            Storyline(month);
            Leavers(month);
            Absences(month);
            Progression(month);
            foreach (var team in Plans.Select(p => p.Team))
            {
                Recruit(team, month);
                CoverVacancies(team, month);
            }

            MoveBetweenTeams(month);
            ExtraDemand(month);
        }

        return _council;
    }

    private void Establish()
    {
        foreach (var plan in Plans)
        {
            _council.Add(new EstablishmentRecord(_council.NextId(), plan.Team, Start.AddMonths(-6), plan.FundedFte, InitialExtract));
        }

        foreach (var (month, team, funded) in EstablishmentChanges)
        {
            var from = Start.AddMonths(month);
            _council.Add(new EstablishmentRecord(_council.NextId(), team, from, funded, When(from.AddDays(-_random.Between(10, 30)))));
        }
    }

    private void InitialWorkforce()
    {
        // One person in two part-time posts, and a leaving-care personal adviser who is not a registered social worker.
        Appoint(new Terms("looked-after", 4, Employed, 0.6), Start.AddYears(-6), InitialExtract, "person-0001", scripted: true);
        Appoint(new Terms("leaving-care", 5, Employed, 0.4), Start.AddYears(-3), InitialExtract, "person-0001", scripted: true);
        Appoint(new Terms("leaving-care", 5, Employed, 1.0, Registered: false), Start.AddYears(-4), InitialExtract, scripted: true);

        foreach (var plan in Plans)
        {
            var vacant = plan.Team == Leadership ? 0 : _random.Between(0, 4) * 0.5;
            while (plan.FundedFte - vacant - Committed(plan.Team).Sum(h => h.Terms.Fte) >= 0.5)
            {
                var role = NeededRole(plan, plan.Seniors);
                var from = Start.AddDays(-_random.Between(60, 15 * 365));
                var asye = role == 5 && from > Start.AddYears(-1) && _random.Chance(0.5);
                Appoint(new Terms(plan.Team, role, Employed, asye ? 1.0 : Fte(), AsyeStart: asye ? from : null), from, InitialExtract);
            }

            var uncovered = plan.FundedFte - EmployedInPost(plan.Team, Start);
            for (; uncovered >= 0.8 && _random.Chance(0.8); uncovered--)
            {
                Engage(plan.Team, AgencyRole(plan.Team, Start), Vacancy, Start.AddDays(-_random.Between(30, 540)), recorded: InitialExtract);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            Engage(_random.Pick(DemandTeams), 5, AdditionalCapacity, Start.AddDays(-_random.Between(30, 150)),
                Start.AddDays(_random.Between(30, 240)), InitialExtract);
        }
    }

    private void Storyline(Month month)
    {
        var day = month.First;
        switch (month.Index)
        {
            case 10:
                // A leaver HR keys in weeks after the last day: it arrives in a later batch, backdated.
                var late = _random.Pick(Settled(day, h => h.Terms.IsEmployed));
                Leave(late, month.Last, "resigned", month.Last.AddDays(_random.Between(35, 60)));
                break;
            case 17:
                // An FTE change keyed against the wrong post, retracted in the next month's feed.
                var wrong = _random.Pick(Settled(day, h => h.Terms.IsEmployed && h.Terms.Fte == 1.0));
                var id = _council.NextId();
                var correction = new CorrectionRecord(_council.NextId(), When(day.AddMonths(1).AddDays(_random.Between(2, 15))));
                wrong.Post.Add(new AssignmentRecord(id, day, wrong.Terms with { Fte = 0.5 }, When(day.AddDays(_random.Between(0, 5))), correction));
                wrong.LatestChange = day;
                break;
            case 27:
                // A resignation withdrawn before the last day: the leaver is cancelled and the worker stays.
                var stays = _random.Pick(Settled(day, h => h.Terms.IsEmployed));
                var leaverId = _council.NextId();
                var reinstatement = new ReinstatementRecord(_council.NextId(), When(month.Last.AddDays(-_random.Between(3, 10))));
                stays.Post.Add(new LeaverRecord(leaverId, month.Last, "resigned", When(month.Last.AddDays(-_random.Between(25, 35))), reinstatement));
                break;
            case 32:
                // A case holder leaves direct employment and carries on in the same post through an agency.
                var mover = _random.Pick(Settled(day, h => h.Terms is { IsEmployed: true, CensusRole: 5 }));
                var from = NextMonday(day.AddDays(_random.Between(0, 20)));
                Change(mover, from, mover.Terms with { Contract = Agency, Cover = Vacancy }, from.AddDays(-_random.Between(14, 28)));
                break;
        }

        if (month.Last == End)
        {
            // A newly qualified worker whose offer is in the feed before the reference date and who starts after it.
            var team = PracticeTeams.MaxBy(t => _council.FundedFte(t, End) - Committed(t).Sum(h => h.Terms.Fte))!;
            var start = NextMonday(End.AddDays(1));
            Appoint(new Terms(team, 5, Employed, 1.0, AsyeStart: start), start, End.AddDays(-_random.Between(5, 20)));
        }
    }

    private void Leavers(Month month)
    {
        _leavingDue += Turnover / 12 * _holders.Where(h => h.InPost(month.First) && h.Terms is { IsEmployed: true, Registered: true }).Sum(h => h.Terms.Fte);
        var candidates = Settled(month.First, h => h.Terms.IsEmployed);
        while (candidates.Count > 0 && _leavingDue >= 0.5 + _random.NextDouble())
        {
            var holder = _random.Pick(candidates);
            candidates.Remove(holder);
            _leavingDue -= holder.Terms.Fte;
            var lastDay = _random.Chance(0.5) ? month.Last : Min(NextWeekday(DayIn(month)), month.Last);
            // Most leavers are recorded when they resign, ahead of their last day; some only weeks after it.
            var recorded = _random.Chance(0.08) ? lastDay.AddDays(_random.Between(35, 70)) : lastDay.AddDays(-_random.Between(14, 35));
            Leave(holder, lastDay, _random.Pick(LeavingReasons), recorded);
        }
    }

    private void Absences(Month month)
    {
        foreach (var holder in Settled(month.First, h => h.Terms.IsEmployed))
        {
            var first = NextWeekday(DayIn(month));
            if (first > month.Last)
            {
                continue;
            }

            if (_random.Chance(0.004))
            {
                LongAbsence(holder, first, Maternity, _random.Between(182, 365), coverChance: 0.8);
            }
            else if (_random.Chance(0.004))
            {
                LongAbsence(holder, first, Sickness, _random.Between(28, 150), coverChance: 0.5);
            }
            else if (_random.Chance(0.09))
            {
                var last = Min(first.AddDays(_random.Between(0, 4)), month.Last);
                var report = new AbsenceReport(When(last.AddDays(_random.Between(1, 10))), last, WorkingDaysLost(first, last, holder.Terms.Fte));
                holder.Post.Add(new AbsenceRecord(_council.NextId(), first, Sickness, [report]));
                holder.AbsentUntil = last;
            }
        }
    }

    /// <summary>Reported open when it starts (maternity weeks ahead), and again with its last day once the worker is back.</summary>
    private void LongAbsence(Holder holder, DateOnly first, V1.AbsenceReason reason, int days, double coverChance)
    {
        var last = first.AddDays(days - 1);
        var fte = holder.Terms.Fte;
        var opened = When(reason == Maternity ? first.AddDays(-_random.Between(14, 42)) : first.AddDays(_random.Between(1, 7)));
        List<AbsenceReport> reports = [new(opened, null, WorkingDaysLost(first, opened.AddDays(-1), fte))];
        var closed = last.AddDays(_random.Between(1, 10));
        if (closed <= End)
        {
            reports.Add(new AbsenceReport(closed, last, WorkingDaysLost(first, last, fte)));
        }

        holder.Post.Add(new AbsenceRecord(_council.NextId(), first, reason, reports));
        holder.AbsentUntil = last;

        var coverFrom = NextWeekday(first.AddDays(_random.Between(7, 21)));
        if (_random.Chance(coverChance) && coverFrom <= End)
        {
            Engage(holder.Terms.Team, holder.Terms.CensusRole, AbsenceCover, coverFrom, last);
        }

        var back = last.AddDays(1);
        if (reason == Maternity && back <= End && _random.Chance(0.4))
        {
            Change(holder, back, holder.Terms with { Fte = PartTime() }, back.AddDays(-_random.Between(7, 28)));
        }
    }

    /// <summary>Promotions to senior practitioner where a team is short of them, and flexible-working FTE changes.</summary>
    private void Progression(Month month)
    {
        foreach (var plan in Plans.Where(p => p.Seniors > 0))
        {
            var candidates = Settled(month.First, h => h.Terms is { IsEmployed: true, CensusRole: 5 } && h.Terms.Team == plan.Team && h.Start <= month.First.AddYears(-2));
            if (Committed(plan.Team).Count(h => h.Terms.CensusRole == 4) < plan.Seniors && candidates.Count > 0 && _random.Chance(0.2))
            {
                var promoted = _random.Pick(candidates);
                Change(promoted, month.First, promoted.Terms with { CensusRole = 4 }, month.First.AddDays(-_random.Between(0, 14)));
            }
        }

        foreach (var holder in Settled(month.First, h => h.Terms.IsEmployed))
        {
            var from = NextWeekday(DayIn(month));
            if (_random.Chance(0.002) && from <= month.Last)
            {
                Change(holder, from, holder.Terms with { Fte = holder.Terms.Fte < 1 ? 1.0 : PartTime() }, from.AddDays(-_random.Between(7, 28)));
            }
        }
    }

    /// <summary>Offers to fill the gap between a team's establishment and the staff it has or has hired.</summary>
    private void Recruit(string team, Month month)
    {
        if (_council.FundedFte(team, month.First) - Committed(team).Sum(h => h.Terms.Fte) < 0.8 || !_random.Chance(0.7))
        {
            return;
        }

        // One senior practitioner short is left to promotion from within.
        var plan = Plans.Single(p => p.Team == team);
        var role = NeededRole(plan, plan.Seniors - 1);
        var offered = DayIn(month);
        var start = NextMonday(offered.AddDays(_random.Between(28, 100)));
        // Newly qualified social workers mostly start in the autumn, after graduating.
        var asye = role == 5 && _random.Chance(start.Month is >= 8 and <= 11 ? 0.6 : 0.1);
        Appoint(new Terms(team, role, Employed, asye ? 1.0 : Fte(), AsyeStart: asye ? start : null), start, offered);
    }

    /// <summary>Engages agency workers for vacancies in post, and lets one go when a permanent starter has arrived.</summary>
    private void CoverVacancies(string team, Month month)
    {
        var vacant = Math.Max(0, _council.FundedFte(team, month.First) - EmployedInPost(team, month.First));
        var covering = _holders.Where(h => h.LastDay is null && h.Terms.Cover == Vacancy && h.Terms.Team == team).ToList();
        var day = NextWeekday(DayIn(month));
        if (covering.Sum(h => h.Terms.Fte) - vacant >= 0.8)
        {
            // The longest-serving goes; not one whose agency terms start only this month.
            var released = covering.Where(h => h.LatestChange < month.First).MinBy(h => h.Start);
            if (released is not null)
            {
                Leave(released, Min(day, month.Last), "end of agency assignment", day.AddDays(_random.Between(0, 7)));
            }
        }
        else if (vacant - covering.Sum(h => h.Terms.Fte) >= 0.8 && day <= month.Last && _random.Chance(0.8))
        {
            Engage(team, AgencyRole(team, day), Vacancy, day);
        }
    }

    /// <summary>A case holder moves from the fullest practice team to the one with the largest gap.</summary>
    private void MoveBetweenTeams(Month month)
    {
        if (!_random.Chance(0.15))
        {
            return;
        }

        var gaps = PracticeTeams.Select(t => (Team: t, Gap: _council.FundedFte(t, month.First) - Committed(t).Sum(h => h.Terms.Fte))).ToList();
        var (to, toGap) = gaps.MaxBy(g => g.Gap);
        var (from, fromGap) = gaps.MinBy(g => g.Gap);
        var movers = Settled(month.First, h => h.Terms is { IsEmployed: true, CensusRole: 5, Fte: 1.0 } && h.Terms.Team == from);
        var on = NextWeekday(DayIn(month));
        if (toGap >= 0.8 && fromGap <= 0.5 && movers.Count > 0 && on <= month.Last)
        {
            var mover = _random.Pick(movers);
            Change(mover, on, mover.Terms with { Team = to }, on.AddDays(-_random.Between(7, 21)));
        }
    }

    /// <summary>Keeps about four agency workers on fixed terms for extra demand at the front door.</summary>
    private void ExtraDemand(Month month)
    {
        var engaged = _holders.Count(h => h.Terms.Cover == AdditionalCapacity && (h.LastDay is null || h.LastDay >= month.First));
        var start = NextWeekday(DayIn(month));
        if (engaged < 4 && start <= month.Last && _random.Chance(0.6))
        {
            Engage(_random.Pick(DemandTeams), 5, AdditionalCapacity, start, start.AddDays(_random.Between(120, 300)));
        }
    }

    private Holder Appoint(Terms terms, DateOnly from, DateOnly recorded, string? personId = null, bool scripted = false)
    {
        var post = _council.AddPost(personId);
        post.Add(new AssignmentRecord(_council.NextId(), from, terms, When(recorded)));
        var holder = new Holder(post, terms, from, scripted);
        _holders.Add(holder);
        return holder;
    }

    /// <summary>An agency worker; one whose planned last day is known by the end leaves then.</summary>
    private void Engage(string team, int censusRole, V1.CoverReason cover, DateOnly start, DateOnly? lastDay = null, DateOnly? recorded = null)
    {
        var holder = Appoint(new Terms(team, censusRole, Agency, _random.Chance(0.9) ? 1.0 : 0.8, cover), start, recorded ?? start.AddDays(_random.Between(0, 7)));
        if (lastDay is { } last && last <= End)
        {
            Leave(holder, last, "end of agency assignment", last.AddDays(_random.Between(0, 5)));
        }
    }

    private void Change(Holder holder, DateOnly from, Terms terms, DateOnly recorded)
    {
        holder.Post.Add(new AssignmentRecord(_council.NextId(), from, terms, When(recorded)));
        holder.Terms = terms;
        holder.LatestChange = from;
    }

    private void Leave(Holder holder, DateOnly lastDay, string reason, DateOnly recorded)
    {
        holder.Post.Add(new LeaverRecord(_council.NextId(), lastDay, reason, When(recorded)));
        holder.LastDay = lastDay;
    }

    /// <summary>Staff free for a random event on <paramref name="day"/>: in post for three months, not leaving, absent or scripted, no change pending.</summary>
    private List<Holder> Settled(DateOnly day, Func<Holder, bool> predicate) =>
        [.. _holders.Where(h => h.LastDay is null && !h.Scripted && h.Start <= day.AddMonths(-3) && h.AbsentUntil < day && h.LatestChange < day && predicate(h))];

    /// <summary>Directly employed registered staff of a team who are not leaving, starters yet to arrive included.</summary>
    private IEnumerable<Holder> Committed(string team) =>
        _holders.Where(h => h.LastDay is null && h.Terms is { IsEmployed: true, Registered: true } && h.Terms.Team == team);

    private double EmployedInPost(string team, DateOnly day) =>
        _holders.Where(h => h.InPost(day) && h.Terms is { IsEmployed: true, Registered: true } && h.Terms.Team == team).Sum(h => h.Terms.Fte);

    /// <summary>A team manager first, then the team's role 6 and senior practitioner posts, then case holders.</summary>
    private int NeededRole(TeamPlan plan, int seniors)
    {
        var roles = Committed(plan.Team).Select(h => h.Terms.CensusRole).ToList();
        return plan.Team == Leadership ? (roles.Contains(1) ? 2 : 1)
            : !roles.Contains(3) ? 3
            : roles.Count(r => r == 6) < plan.WithoutCases ? 6
            : roles.Count(r => r == 4) < seniors ? 4
            : 5;
    }

    /// <summary>Interim managers where a team has none in post; otherwise agency case holders.</summary>
    private int AgencyRole(string team, DateOnly day)
    {
        var inPost = _holders.Where(h => h.InPost(day) && h.Terms.Team == team).Select(h => h.Terms.CensusRole).ToList();
        return team == Leadership ? (inPost.Contains(1) ? 2 : 1) : inPost.Contains(3) ? 5 : 3;
    }

    /// <summary>Clamps a recording day to the feed: nothing is sent before the initial extract or after the end.</summary>
    private DateOnly When(DateOnly recorded) => recorded < InitialExtract ? InitialExtract : Min(recorded, End);

    private double Fte() => _random.Chance(0.85) ? 1.0 : PartTime();

    private double PartTime() => Math.Round(_random.Pick(PartTimeHours) / 37, 6);

    private DateOnly DayIn(Month month) => month.First.AddDays(_random.Between(0, month.Last.DayNumber - month.First.DayNumber));

    private static double WorkingDaysLost(DateOnly first, DateOnly last, double fte)
    {
        var weekdays = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            weekdays += day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return Math.Round(weekdays * fte, 2);
    }

    internal static DateOnly NextWeekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly NextMonday(DateOnly day) => day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);

    internal static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed record TeamPlan(string Team, double FundedFte, int Seniors, int WithoutCases);

    private readonly record struct Month(int Index, DateOnly First, DateOnly Last);

    /// <summary>The simulation's view of a post: its latest terms and what stops it taking part in random events.</summary>
    private sealed class Holder(Post post, Terms terms, DateOnly start, bool scripted)
    {
        public Post Post { get; } = post;

        public Terms Terms { get; set; } = terms;

        public DateOnly Start { get; } = start;

        public bool Scripted { get; } = scripted;

        public DateOnly? LastDay { get; set; }

        public DateOnly AbsentUntil { get; set; }

        /// <summary>The day of its latest assignment record, retracted ones included, so no two fall on one day.</summary>
        public DateOnly LatestChange { get; set; } = start;

        public bool InPost(DateOnly day) => Start <= day && (LastDay is null || day <= LastDay);
    }
}
