using static Caseload.V1.CaseCategory;
using CaseCategory = Caseload.V1.CaseCategory;

namespace Workforce.DemoCouncil;

/// <summary>
/// Plays the council's case work day by day over its HR history, as a case-management system records it: referrals
/// open in the team that works their category and go to the case holder with most room (newly qualified ASYE workers
/// and starters lighter, part-timers pro rata, some workers carrying more than others); cases move when their worker
/// leaves (from the day after the last day; some wait unallocated or with the team manager for a few weeks first),
/// moves team or goes on maternity or long sickness leave, and now and then for other reasons; they close after a
/// duration typical of their category. Demand follows what the case holders in post can carry, so the DfE average
/// stays near 16 (Darlington 2025: 1027 cases / 64.3 FTE, domain.md §2).
/// </summary>
internal sealed class CaseSimulation
{
    /// <summary>Cases of the last case holder to leave before the end date that still wait for a new worker at it.</summary>
    private const int HeldBack = 3;

    /// <summary>How far ahead a team manager knows a leaving date: no new cases for a worker leaving within it.</summary>
    private const int NoticeDays = 28;

    /// <summary>Days over which a starter, a returner or a worker new to a team builds up to a full caseload.</summary>
    private const int BuildUpDays = 56;

    /// <summary>Days over which open cases catch up with what the case holders in post can carry.</summary>
    private const double DemandLag = 30;

    private const double WorkingDaysPerYear = 261;

    /// <summary>The practice teams of <see cref="CouncilSimulation"/> and the categories of the cases each works.</summary>
    private static readonly (string Team, (CaseCategory Category, double Share)[] Work)[] Teams =
    [
        ("assessment-1", [(ChildInNeed, 1)]),
        ("assessment-2", [(ChildInNeed, 1)]),
        // Child protection teams keep the children they step down to a child in need plan.
        ("child-protection-1", [(ChildProtection, 0.7), (ChildInNeed, 0.3)]),
        ("child-protection-2", [(ChildProtection, 0.7), (ChildInNeed, 0.3)]),
        ("looked-after", [(LookedAfter, 1)]),
        ("leaving-care", [(CareLeaver, 1)]),
    ];

    private static readonly Dictionary<CaseCategory, CategoryPlan> Plans = new()
    {
        // A third of children in need close once assessed; the rest after months on a plan.
        [ChildInNeed] = new(ShortShare: 0.35, Short: (20, 45), Long: (90, 400), TransfersPerYear: 0.15),
        [ChildProtection] = new(0, (0, 0), (90, 540), 0.3),
        // Placement moves and court work change a looked-after child's worker more often than others' (domain.md §5).
        [LookedAfter] = new(0, (0, 0), (120, 1800), 1.2),
        [CareLeaver] = new(0, (0, 0), (180, 1460), 0.3),
    };

    private readonly Council _council;
    private readonly SeededRandom _random;
    private readonly List<Caseworker> _workers;
    private readonly List<Active> _open = [];

    /// <summary>Cases waiting unallocated or with a team manager, by the day a case holder should take them.</summary>
    private readonly Dictionary<DateOnly, List<Active>> _due = [];

    /// <summary>Workers whose cases move because of a long absence, by the day they move.</summary>
    private readonly Dictionary<DateOnly, List<Caseworker>> _absenceHandovers = [];

    private readonly Caseworker? _lastLeaver;
    private int _lastId;

    public CaseSimulation(Council council)
    {
        _council = council;
        // A stream of its own, so the HR feed of a seed is the same with or without cases.
        _random = new SeededRandom(council.Options.Seed ^ 0x5CA5E);
        _workers = [.. council.Posts.Select(post => new Caseworker(post, Pace(), _random.Between(10, 12)))];
        foreach (var worker in _workers)
        {
            foreach (var (first, last, reason) in worker.LongAbsences)
            {
                // Maternity leave is planned for; long sickness is handed over, if at all, once it looks long.
                var on = reason == V1.AbsenceReason.Maternity
                    ? (_random.Chance(0.9) ? first : (DateOnly?)null)
                    : (_random.Chance(0.5) ? CouncilSimulation.NextWeekday(first.AddDays(_random.Between(14, 28))) : null);
                if (on is { } day && day <= last)
                {
                    Add(_absenceHandovers, day, worker);
                }
            }
        }

        _lastLeaver = _workers
            .SelectMany(w => w.LastDays.Where(l => l >= End.AddDays(-NoticeDays) && l < End && w.Post.TermsOn(l) is { Registered: true, CaseHolding: true })
                .Select(l => (Worker: w, LastDay: l)))
            .OrderByDescending(w => w.LastDay)
            .Select(w => w.Worker)
            .FirstOrDefault();
    }

    private DateOnly Start => _council.Options.Start;

    private DateOnly End => _council.Options.End;

    public Council Run()
    {
        InitialCaseload();
        var mistake = CouncilSimulation.NextWeekday(Start.AddMonths(20));
        for (var day = Start; day <= End; day = day.AddDays(1))
        {
            foreach (var worker in _workers)
            {
                worker.Terms = worker.Post.TermsOn(day);
            }

            Closures(day);
            HandOvers(day);
            AllocateWaiting(day);
            if (IsWorkingDay(day))
            {
                Transfers(day);
                if (day == mistake)
                {
                    Mistake(day);
                }

                Referrals(day);
            }
        }

        return _council;
    }

    /// <summary>
    /// The case-management system's first extract: each open case from the day its current worker took it (who held
    /// it before is history the demo does not have), every case holder near their pace, a few referrals waiting.
    /// </summary>
    private void InitialCaseload()
    {
        var extract = Start.AddDays(-1);
        foreach (var worker in _workers)
        {
            worker.Terms = worker.Post.TermsOn(extract);
            worker.Team = worker.Terms?.Team;
        }

        foreach (var (team, work) in Teams)
        {
            var cases = (int)Math.Round(TeamCapacity(team, extract));
            for (var i = 0; i < cases && Choose(team, extract) is { } worker; i++)
            {
                var category = Category(work);
                var days = Plans[category].Days(_random);
                var age = _random.Between(1, days - 1);
                var taken = extract.AddDays(-_random.Between(0, Math.Min(age, extract.DayNumber - worker.FreshStart(extract).DayNumber)));
                Open(team, category, worker, taken, extract, CouncilSimulation.NextWeekday(Start.AddDays(days - age)));
            }
        }

        for (var i = 0; i < 4; i++)
        {
            var (team, work) = _random.Pick(Teams);
            var category = Category(work);
            var waiting = Open(team, category, null, extract.AddDays(-_random.Between(1, 20)), extract,
                CouncilSimulation.NextWeekday(Start.AddDays(Plans[category].Days(_random))));
            Add(_due, CouncilSimulation.NextWeekday(Start.AddDays(_random.Between(0, 14))), waiting);
        }
    }

    private void Closures(DateOnly day)
    {
        foreach (var active in _open.Where(a => a.CloseOn <= day).ToList())
        {
            if (active.LastChange >= day)
            {
                active.CloseOn = CouncilSimulation.NextWeekday(day.AddDays(1));
                continue;
            }

            // Closures are signed off by a manager, often a few days after the fact.
            active.Case.Close(new ClosureRecord(NextId(), day, When(day.AddDays(_random.Between(0, 4)))));
            active.Holder?.Cases.Remove(active);
            active.Holder = null;
            active.Closed = true;
            _open.Remove(active);
        }
    }

    /// <summary>Cases of workers who left yesterday, moved team today or whose long absence is handed over today.</summary>
    private void HandOvers(DateOnly day)
    {
        var leavers = _workers.Where(w => w.Cases.Count > 0 && !w.Gone && w.Terms is null).ToList();
        var movers = _workers.Where(w => w.Cases.Count > 0 && w.Terms is { } terms && terms.Team != w.Team).ToList();
        foreach (var worker in _workers.Where(w => w.Terms is not null))
        {
            worker.Team = worker.Terms!.Team;
        }

        foreach (var leaver in leavers)
        {
            // The manager reallocates on the worker's last day, with effect from the next.
            leaver.Gone = true;
            HandOver(leaver, day, day.AddDays(-1), leaving: true);
        }

        foreach (var mover in movers)
        {
            HandOver(mover, day, day, leaving: false);
        }

        foreach (var absent in _absenceHandovers.GetValueOrDefault(day) ?? [])
        {
            HandOver(absent, day, day, leaving: false);
        }
    }

    /// <summary>Moves a worker's cases to colleagues: all of them when it has left or is away, those of its former team when it has moved.</summary>
    private void HandOver(Caseworker from, DateOnly day, DateOnly recorded, bool leaving)
    {
        var heldBack = leaving && from == _lastLeaver ? HeldBack : 0;
        foreach (var active in from.Cases.Where(c => c.Case.Team != from.Terms?.Team || from.AbsentOn(day)).OrderBy(c => c.Case.CaseId, StringComparer.Ordinal).ToList())
        {
            if (heldBack > 0 && active.CloseOn > End)
            {
                heldBack--;
                continue;
            }

            var team = active.Case.Team;
            var roll = _random.NextDouble();
            if (leaving && roll < 0.1)
            {
                Allocate(active, null, day, recorded);
                Add(_due, day.AddDays(_random.Between(7, 35)), active);
            }
            else if (leaving && roll < 0.22 && Manager(team, day) is { } manager)
            {
                Allocate(active, manager, day, recorded, interim: true);
                Add(_due, day.AddDays(_random.Between(14, 42)), active);
            }
            else
            {
                var to = Choose(team, day, except: from);
                Allocate(active, to, day, recorded);
                if (to is null)
                {
                    Add(_due, day.AddDays(1), active);
                }
            }
        }
    }

    /// <summary>Cases waiting unallocated or with a team manager go to a case holder when one has room, on a working day.</summary>
    private void AllocateWaiting(DateOnly day)
    {
        if (!_due.Remove(day, out var due))
        {
            return;
        }

        foreach (var active in due.Where(a => !a.Closed && (a.Holder is null || a.Interim)))
        {
            if (IsWorkingDay(day) && active.LastChange < day && Choose(active.Case.Team, day) is { } to)
            {
                Allocate(active, to, day, day);
            }
            else
            {
                Add(_due, day.AddDays(1), active);
            }
        }
    }

    /// <summary>Transfers for other reasons: a placement move, court work, a rebalancing of the team's caseloads.</summary>
    private void Transfers(DateOnly day)
    {
        foreach (var active in _open)
        {
            if (active.Holder is { Gone: false } from && !active.Interim && active.LastChange < day
                && _random.Chance(Plans[active.Case.Category].TransfersPerYear / WorkingDaysPerYear)
                && Choose(active.Case.Team, day, except: from) is { } to)
            {
                Allocate(active, to, day, day);
            }
        }
    }

    /// <summary>A transfer keyed to a worker in the wrong team, retracted the next working day and sent again to the right one.</summary>
    private void Mistake(DateOnly day)
    {
        var candidates = _open.Where(a => a.Holder is { Gone: false } holder && !a.Interim && a.LastChange < day &&
            _workers.Any(w => w != holder && CanTake(w, a.Case.Team, day))).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var active = _random.Pick(candidates);
        var team = active.Case.Team;
        var wrong = _workers.Where(w => w.Terms is { } t && t.Team != team && CanTake(w, t.Team, day)).ToList();
        if (wrong.Count == 0)
        {
            return;
        }

        var mistakeId = NextId();
        var correction = new CorrectionRecord(NextId(), When(CouncilSimulation.NextWeekday(day.AddDays(1))));
        active.Case.Add(new AllocationRecord(mistakeId, day, _random.Pick(wrong).Post.StaffId, day, correction));
        Allocate(active, Choose(team, day, except: active.Holder), day, correction.Recorded);
        // Nothing else is sent for the case until it has been put right.
        active.LastChange = correction.Recorded;
    }

    /// <summary>New referrals on a working day: demand catches up with what each team's case holders can carry.</summary>
    private void Referrals(DateOnly day)
    {
        foreach (var (team, work) in Teams)
        {
            var capacity = TeamCapacity(team, day);
            var meanDays = work.Sum(w => w.Share * Plans[w.Category].MeanDays);
            var open = _open.Count(a => a.Case.Team == team);
            var expected = Math.Max(0, capacity / meanDays + (capacity - open) / DemandLag) * 7 / 5;
            var referrals = (int)expected + (_random.Chance(expected % 1) ? 1 : 0);
            for (var i = 0; i < referrals; i++)
            {
                var category = Category(work);
                var closeOn = CouncilSimulation.NextWeekday(day.AddDays(Plans[category].Days(_random)));
                // A few wait for a worker: the team is full, or a manager has to decide who takes it.
                var to = _random.Chance(0.04) ? null : Choose(team, day);
                var active = Open(team, category, to, day, day, closeOn);
                if (to is null)
                {
                    Add(_due, CouncilSimulation.NextWeekday(day.AddDays(_random.Between(2, 25))), active);
                }
            }
        }
    }

    private Active Open(string team, CaseCategory category, Caseworker? worker, DateOnly from, DateOnly recorded, DateOnly closeOn)
    {
        // Numbered in the order opened: an opaque id with nothing of the child in it.
        var @case = new Case($"case-{_council.Options.Authority}-{_council.Cases.Count + 1:000000}", category, team);
        _council.Add(@case);
        var active = new Active(@case, closeOn);
        _open.Add(active);
        Allocate(active, worker, from, recorded);
        return active;
    }

    private void Allocate(Active active, Caseworker? to, DateOnly from, DateOnly recorded, bool interim = false)
    {
        active.Case.Add(new AllocationRecord(NextId(), from, to?.Post.StaffId, When(recorded)));
        active.Holder?.Cases.Remove(active);
        to?.Cases.Add(active);
        active.Holder = to;
        active.Interim = interim;
        active.LastChange = from;
    }

    /// <summary>The case holder in the team with most room for one more case, give or take a manager's judgement.</summary>
    private Caseworker? Choose(string team, DateOnly day, Caseworker? except = null) =>
        _workers.Where(w => w != except && CanTake(w, team, day)).MinBy(w => w.Cases.Count / Capacity(w, day) + 0.1 * _random.NextDouble());

    /// <summary>A registered case holder of the team, at work and not about to leave.</summary>
    private static bool CanTake(Caseworker worker, string team, DateOnly day) =>
        worker.Terms is { Registered: true, CaseHolding: true } terms && terms.Team == team && !worker.AbsentOn(day) && !worker.LeavingWithin(day, NoticeDays);

    /// <summary>The team manager, who holds a leaver's case for a few weeks when nobody has room.</summary>
    private Caseworker? Manager(string team, DateOnly day) =>
        _workers.FirstOrDefault(w => w.Terms is { Registered: true, CensusRole: 3 } terms && terms.Team == team && !w.AbsentOn(day) && !w.LeavingWithin(day, NoticeDays));

    /// <summary>What the team's registered case holders in post can carry, absent ones included: their cases stay with the team.</summary>
    private double TeamCapacity(string team, DateOnly day) =>
        _workers.Where(w => w.Terms is { Registered: true, CaseHolding: true } terms && terms.Team == team).Sum(w => Capacity(w, day));

    /// <summary>Cases a worker carries when settled: their pace pro rata (a lighter one in the ASYE year), less while building up.</summary>
    private static double Capacity(Caseworker worker, DateOnly day)
    {
        var terms = worker.Terms!;
        var perFte = terms.AsyeStart is { } asye && asye <= day && day < asye.AddYears(1) ? worker.AsyePace
            : terms.CensusRole == 4 ? 0.85 * worker.Pace
            : worker.Pace;
        var buildUp = Math.Min(1, (day.DayNumber - worker.FreshStart(day).DayNumber + 7) / (double)BuildUpDays);
        return terms.Fte * perFte * buildUp;
    }

    /// <summary>Cases per FTE a settled case holder carries: most 12-17, some well above 18, a few above 25.</summary>
    private int Pace() => _random.NextDouble() switch
    {
        < 0.60 => _random.Between(12, 17),
        < 0.84 => _random.Between(18, 20),
        < 0.95 => _random.Between(21, 24),
        _ => _random.Between(25, 28),
    };

    private CaseCategory Category((CaseCategory Category, double Share)[] work)
    {
        var roll = _random.NextDouble();
        return work.FirstOrDefault(w => (roll -= w.Share) < 0, work[^1]).Category;
    }

    private int NextId() => ++_lastId;

    private static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Nothing is sent after the end date.</summary>
    private DateOnly When(DateOnly recorded) => CouncilSimulation.Min(recorded, End);

    private static void Add<T>(Dictionary<DateOnly, List<T>> byDay, DateOnly day, T item)
    {
        if (!byDay.TryGetValue(day, out var items))
        {
            byDay[day] = items = [];
        }

        items.Add(item);
    }

    private sealed record CategoryPlan(double ShortShare, (int Min, int Max) Short, (int Min, int Max) Long, double TransfersPerYear)
    {
        public double MeanDays => ShortShare * (Short.Min + Short.Max) / 2 + (1 - ShortShare) * (Long.Min + Long.Max) / 2;

        public int Days(SeededRandom random) => random.Chance(ShortShare) ? random.Between(Short.Min, Short.Max) : random.Between(Long.Min, Long.Max);
    }

    /// <summary>An open case as the simulation plays it.</summary>
    private sealed class Active(Case @case, DateOnly closeOn)
    {
        public Case Case { get; } = @case;

        public DateOnly CloseOn { get; set; } = closeOn;

        public Caseworker? Holder { get; set; }

        /// <summary>Held by a team manager until a case holder has room.</summary>
        public bool Interim { get; set; }

        public bool Closed { get; set; }

        /// <summary>The latest day a change to the case takes effect: one change per case per day, so a day's order never matters.</summary>
        public DateOnly LastChange { get; set; }
    }

    /// <summary>A post as the case work sees it: today's terms, its cases, and when it is away, leaving or new.</summary>
    private sealed class Caseworker
    {
        private readonly List<(DateOnly First, DateOnly Last)> _absences;
        private readonly List<DateOnly> _freshStarts;

        public Caseworker(Post post, int pace, int asyePace)
        {
            Post = post;
            Pace = pace;
            AsyePace = asyePace;
            _absences = [.. post.Absences.Select(a => (a.FirstDay, a.Reports[^1].LastDay ?? DateOnly.MaxValue))];
            LongAbsences = [.. post.Absences
                .Select(a => (a.FirstDay, Last: a.Reports[^1].LastDay ?? DateOnly.MaxValue, a.Reason))
                .Where(a => a.Reason == V1.AbsenceReason.Maternity || a.Last == DateOnly.MaxValue || a.Last.DayNumber - a.FirstDay.DayNumber + 1 >= 28)];
            LastDays = [.. post.Leavers.Where(l => l.CancelledBy is null).Select(l => l.LastDay)];
            // A caseload builds up again from a start, a move to another team and a return from a long absence.
            var assignments = post.Assignments.Where(a => a.RetractedBy is null).OrderBy(a => a.From).ToList();
            _freshStarts =
            [
                assignments[0].From,
                .. assignments.Zip(assignments.Skip(1)).Where(p => p.First.Terms.Team != p.Second.Terms.Team).Select(p => p.Second.From),
                .. LongAbsences.Where(a => a.Last != DateOnly.MaxValue).Select(a => a.Last.AddDays(1)),
            ];
        }

        public Post Post { get; }

        public int Pace { get; }

        public int AsyePace { get; }

        public IReadOnlyList<(DateOnly First, DateOnly Last, V1.AbsenceReason Reason)> LongAbsences { get; }

        public IReadOnlyList<DateOnly> LastDays { get; }

        public List<Active> Cases { get; } = [];

        /// <summary>The post's terms on the day being played; null when not in post.</summary>
        public Terms? Terms { get; set; }

        /// <summary>The team the worker's cases belong to: where it was last in post.</summary>
        public string? Team { get; set; }

        /// <summary>Left, its cases handed over (all but any held back).</summary>
        public bool Gone { get; set; }

        public bool AbsentOn(DateOnly day) => _absences.Any(a => a.First <= day && day <= a.Last);

        public bool LeavingWithin(DateOnly day, int days) => LastDays.Any(l => l >= day && l < day.AddDays(days));

        public DateOnly FreshStart(DateOnly day) => _freshStarts.Where(f => f <= day).DefaultIfEmpty(_freshStarts[0]).Max();
    }
}
