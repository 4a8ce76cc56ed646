using Caseload.V1;
using Supervision.V1;
using Workforce.DemoCouncil;
using Workforce.V1;

namespace Workforce.SyntheticEngland;

/// <summary>A post and what happened to it, FTE in tenths; in post from <see cref="Start"/> to <see cref="LastDay"/> inclusive.</summary>
internal sealed class SyntheticPost(string staffId, bool agency, string team, int role, DateOnly start, int fte)
{
    public string StaffId { get; } = staffId;
    public bool Agency { get; } = agency;
    public string Team { get; } = team;
    public int Role { get; } = role;
    public DateOnly Start { get; } = start;
    public DateOnly? LastDay { get; set; }
    public List<(DateOnly From, int Fte)> Ftes { get; } = [(start, fte)];

    public bool InPostOn(DateOnly day) => Start <= day && (LastDay is not { } last || day <= last);

    /// <summary>Zero once the post is no longer a registered social worker's: it then counts in no DfE figure.</summary>
    public int FteOn(DateOnly day) => Ftes.Last(f => f.From <= day).Fte;

    public bool CaseHolding => Role is 4 or 5;
}

internal sealed class SyntheticCase(string caseId, CaseCategory category)
{
    public string CaseId { get; } = caseId;
    public CaseCategory Category { get; } = category;
    public List<(DateOnly From, SyntheticPost Holder)> Holders { get; } = [];
    public DateOnly? Closed { get; set; }

    public SyntheticPost Holder => Holders[^1].Holder;
}

/// <summary>
/// Plays one council year by year. Each year first fixes who leaves (directly employed posts in post the September
/// before, topped up by short stays), then starters or FTE reductions to the published in-post FTE, agency ends and
/// starts to the agency FTE, each team's establishment to the vacancy FTE, a subset of workers in post whose FTE is
/// exactly the case-holder FTE, and the open cases spread over them pro rata — most carried over, some transferred.
/// Supervision follows every post in post at the default policy's 28 days, with slippage and gaps.
/// </summary>
internal sealed class CouncilGenerator
{
    private static readonly int[] Roles = [1, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6];
    private static readonly int[] PartTime = [9, 8, 8, 7, 6, 6, 5, 4];

    private readonly PublishedCouncil _published;
    private readonly EnglandOptions _options;
    private readonly SeededRandom _random;
    private readonly List<SyntheticPost> _posts = [];
    private readonly List<SyntheticCase> _cases = [];
    private readonly Dictionary<(string Team, int Year), int> _establishment = [];
    private readonly List<string> _teams = [];

    private CouncilGenerator(PublishedCouncil published, EnglandOptions options)
    {
        _published = published;
        _options = options;
        // One stream per council, so a council is the same whichever others are generated with it.
        _random = new SeededRandom(options.Seed ^ published.Authority.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
    }

    public static SyntheticCouncil Generate(PublishedCouncil published, EnglandOptions options) =>
        new CouncilGenerator(published, options).Run();

    private SyntheticCouncil Run()
    {
        var targets = Targets();
        var teams = Math.Max(2, (targets[0].InPost + targets[0].Agency) / 150);
        _teams.AddRange(Enumerable.Range(1, teams).Select(t => $"team-{t:00}"));
        HashSet<SyntheticPost> holders = [];
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var (before, at) = (new DateOnly(target.Year - 1, 9, 30), new DateOnly(target.Year, 9, 30));
            // The first year reaches back before the history: its posts and cases may start years earlier.
            var from = i == 0 ? before.AddYears(-6) : before;
            Leavers(target.Leavers, before, at, from);
            Employed(target.InPost, before, at, from);
            Agency(target.Agency, before, at, from);
            Establishment(target.Vacancy, target.Year, at);
            holders = CaseHolders(target.CaseHolders, at, holders);
            Cases(target.Cases, holders, before, at, i == 0 ? at.AddYears(-2) : before);
        }

        var end = new DateOnly(targets[^1].Year, 9, 30);
        return new SyntheticCouncil(
            _published.Authority,
            _published.Name,
            targets,
            [.. targets.Select(t => Figures(t.Year))],
            StaffChanges(end),
            AllocationChanges(),
            _options.Supervision ? Sessions(new DateOnly(targets[0].Year - 1, 10, 1), end) : [],
            _posts.Count(p => p.InPostOn(end) && p.FteOn(end) > 0));
    }

    /// <summary>The published figures of each year in range; a suppressed one is taken from the nearest year that has it.</summary>
    private List<YearFigures> Targets()
    {
        var years = _published.Years.Where(y => y.Year >= _options.FirstYear && y.Year <= _options.LastYear).ToList();
        int Nearest(int year, Func<PublishedYear, int?> figure, Func<int, int> otherwise) =>
            _published.Years.Where(y => figure(y) is not null).OrderBy(y => Math.Abs(y.Year - year)).ThenBy(y => y.Year)
                .Select(y => figure(y)!.Value).Cast<int?>().FirstOrDefault() ?? otherwise(year);
        return [.. years.Select(y =>
        {
            var inPost = Nearest(y.Year, p => p.InPost, _ => 1000);
            var agency = Nearest(y.Year, p => p.Agency, _ => inPost * 15 / 100);
            var caseHolders = Math.Min(inPost + agency, Nearest(y.Year, p => p.CaseHolders, _ => (inPost + agency) * 55 / 100));
            return new YearFigures(y.Year, inPost, agency,
                Nearest(y.Year, p => p.Leavers, _ => inPost * 13 / 100),
                Nearest(y.Year, p => p.Vacancy, _ => inPost * 14 / 100),
                caseHolders,
                Nearest(y.Year, p => p.Cases, _ => caseHolders * 16 / 10));
        })];
    }

    private void Leavers(int leavers, DateOnly before, DateOnly at, DateOnly from)
    {
        var pool = Shuffled(_posts.Where(p => !p.Agency && p.InPostOn(before)));
        // Most leavers were in post last September; a few stayed less than a year, which also makes the sum exact.
        var fromPool = pool.Sum(p => p.FteOn(before)) * 6 / 10;
        var remaining = leavers;
        foreach (var post in pool)
        {
            var fte = post.FteOn(before);
            if (remaining - fte < 0 || leavers - remaining + fte > fromPool)
            {
                continue;
            }

            post.LastDay = Day(before.AddDays(-1), at.AddDays(-1));
            remaining -= fte;
        }

        while (remaining > 0)
        {
            var fte = Piece(remaining);
            var start = Day(from, at.AddDays(-2));
            var post = NewPost(false, start, fte);
            post.LastDay = Day(Max(start, before).AddDays(-1), at.AddDays(-1));
            remaining -= fte;
        }
    }

    private void Employed(int inPost, DateOnly before, DateOnly at, DateOnly from)
    {
        var stayers = Shuffled(_posts.Where(p => !p.Agency && p.InPostOn(before) && p.LastDay is null));
        var gap = inPost - stayers.Sum(p => p.FteOn(before));
        while (gap > 0)
        {
            var fte = Piece(gap);
            NewPost(false, Day(from, at), fte);
            gap -= fte;
        }

        // Fewer in post than stayed: some cut their hours rather than leave, and where that is not enough (Isles of
        // Scilly: none in post, none leaving) a post stops being a registered social worker's, which is no leaver.
        foreach (var post in stayers.TakeWhile(_ => gap < 0))
        {
            var fte = post.FteOn(before);
            var cut = Math.Min(-gap, fte - 3);
            if (cut > 0)
            {
                post.Ftes.Add((Day(before, at), fte - cut));
                gap += cut;
            }
        }

        foreach (var post in stayers.Where(p => p.FteOn(at) > 0).TakeWhile(_ => gap < 0))
        {
            gap += post.FteOn(at);
            post.Ftes.Add((Day(Max(before, post.Ftes[^1].From), at), 0));
        }
    }

    private void Agency(int agency, DateOnly before, DateOnly at, DateOnly from)
    {
        var pool = Shuffled(_posts.Where(p => p.Agency && p.InPostOn(before) && p.LastDay is null));
        var staying = pool.Sum(p => p.FteOn(before));
        // A third of agency workers move on each year, and more while the council needs fewer.
        foreach (var post in pool)
        {
            if (staying > agency || _random.Chance(0.35))
            {
                post.LastDay = Day(before.AddDays(-1), at.AddDays(-1));
                staying -= post.FteOn(before);
            }
        }

        var gap = agency - staying;
        while (gap > 0)
        {
            var fte = Piece(gap);
            NewPost(true, Day(from, at), fte);
            gap -= fte;
        }
    }

    /// <summary>Funded FTE per team from 1 April: the team's directly employed FTE at 30 September plus its share of the vacancies.</summary>
    private void Establishment(int vacancy, int year, DateOnly at)
    {
        var weights = _teams.Select(_ => _random.Between(1, 3)).ToArray();
        var shares = Apportion(vacancy, weights);
        for (var t = 0; t < _teams.Count; t++)
        {
            var employed = _posts.Where(p => !p.Agency && p.Team == _teams[t] && p.InPostOn(at)).Sum(p => p.FteOn(at));
            _establishment[(_teams[t], year)] = employed + shares[t];
        }
    }

    /// <summary>Workers in post whose FTE sums exactly to the case-holder FTE: last year's holders first, then case-holding roles.</summary>
    private HashSet<SyntheticPost> CaseHolders(int caseHolderFte, DateOnly at, HashSet<SyntheticPost> lastYear)
    {
        var candidates = Shuffled(_posts.Where(p => p.InPostOn(at) && p.FteOn(at) > 0))
            .OrderBy(p => p.CaseHolding ? 0 : 1).ThenBy(p => lastYear.Contains(p) ? 0 : 1).ToList();
        var chosen = new HashSet<SyntheticPost>();
        var remaining = caseHolderFte;
        foreach (var post in candidates.Where(p => p.CaseHolding))
        {
            if (post.FteOn(at) <= remaining)
            {
                chosen.Add(post);
                remaining -= post.FteOn(at);
            }
        }

        if (remaining == 0)
        {
            return chosen;
        }

        var rest = candidates.Where(p => !chosen.Contains(p)).ToList();
        if (SubsetSum(rest, remaining, at) is { } topUp)
        {
            chosen.UnionWith(topUp);
            return chosen;
        }

        if (SubsetSum(candidates, caseHolderFte, at) is { } exact)
        {
            return [.. exact];
        }

        // No subset is exact (Isles of Scilly: 0.8, 0.9 and 0.3 FTE for 1.0): a holder takes hours from a colleague
        // under the same contract (in the same team if employed), which leaves every other figure as it was.
        foreach (var from in rest.Where(p => p.FteOn(at) > remaining))
        {
            if (chosen.FirstOrDefault(p => p.Agency == from.Agency && (p.Agency || p.Team == from.Team) && p.FteOn(at) + remaining <= 10) is { } to)
            {
                var day = Max(Max(from.Ftes[^1].From, to.Ftes[^1].From), at.AddDays(-28));
                from.Ftes.Add((day, from.FteOn(at) - remaining));
                to.Ftes.Add((day, to.FteOn(at) + remaining));
                return chosen;
            }
        }

        return chosen;
    }

    /// <summary>A subset whose FTE is exactly <paramref name="target"/> tenths, earlier candidates preferred; null when none is.</summary>
    private static List<SyntheticPost>? SubsetSum(List<SyntheticPost> candidates, int target, DateOnly at)
    {
        var via = new int[target + 1];
        Array.Fill(via, -1);
        via[0] = int.MaxValue;
        for (var i = 0; i < candidates.Count && via[target] < 0; i++)
        {
            var fte = candidates[i].FteOn(at);
            for (var s = target; s >= fte; s--)
            {
                if (via[s] < 0 && via[s - fte] >= 0)
                {
                    via[s] = i;
                }
            }
        }

        if (via[target] < 0)
        {
            return null;
        }

        var subset = new List<SyntheticPost>();
        for (var s = target; s > 0; s -= candidates[via[s]].FteOn(at))
        {
            subset.Add(candidates[via[s]]);
        }

        return subset;
    }

    /// <summary>
    /// The cases open at 30 September, shared by FTE over the holders: half of last year's stay open (with their
    /// worker where they can), the rest close; new referrals fill the gap, and short cases come and go in between.
    /// </summary>
    private void Cases(int openCases, HashSet<SyntheticPost> holders, DateOnly before, DateOnly at, DateOnly from)
    {
        var ordered = holders.OrderBy(h => h.StaffId, StringComparer.Ordinal).ToList();
        var quotas = Apportion(Math.Max(openCases, ordered.Count), [.. ordered.Select(h => h.FteOn(at))]);
        var quota = ordered.Select((h, i) => (h, quotas[i])).ToDictionary(q => q.h, q => q.Item2);

        var carried = new List<SyntheticCase>();
        foreach (var @case in _cases.Where(c => c.Closed is null))
        {
            if (carried.Count < openCases / 2 && _random.Chance(0.5))
            {
                carried.Add(@case);
            }
            else
            {
                @case.Closed = Day(before, at);
            }
        }

        var moving = new List<SyntheticCase>();
        foreach (var @case in carried)
        {
            if (quota.TryGetValue(@case.Holder, out var left) && left > 0)
            {
                quota[@case.Holder] = left - 1;
            }
            else
            {
                moving.Add(@case);
            }
        }

        var holder = 0;
        SyntheticPost NextWithRoom()
        {
            while (quota[ordered[holder]] == 0)
            {
                holder++;
            }

            quota[ordered[holder]]--;
            return ordered[holder];
        }

        foreach (var @case in moving)
        {
            var to = NextWithRoom();
            // A leaver's cases move the day after their last day, unless the new worker has not started yet.
            var day = @case.Holder.LastDay is { } last && last < at ? Max(last.AddDays(1), to.Start) : Day(Max(before, to.Start.AddDays(-1)), at);
            @case.Holders.Add((Max(day, @case.Holders[^1].From.AddDays(1)), to));
        }

        while (holder < ordered.Count && quota.Values.Any(q => q > 0))
        {
            var to = NextWithRoom();
            NewCase(Day(Max(from, to.Start.AddDays(-1)), at), to);
        }

        var shortCases = (int)(openCases * _options.ShortCasesPerOpenCase);
        for (var i = 0; i < shortCases && ordered.Count > 0; i++)
        {
            var to = ordered[_random.Between(0, ordered.Count - 1)];
            var after = Max(before, to.Start.AddDays(-1));
            if (after < at.AddDays(-1))
            {
                var opened = Day(after, at.AddDays(-1));
                NewCase(opened, to).Closed = Day(opened, at);
            }
        }
    }

    private SyntheticCase NewCase(DateOnly opened, SyntheticPost holder)
    {
        var roll = _random.NextDouble();
        var category = roll < 0.5 ? CaseCategory.ChildInNeed : roll < 0.65 ? CaseCategory.ChildProtection : roll < 0.95 ? CaseCategory.LookedAfter : CaseCategory.CareLeaver;
        var @case = new SyntheticCase($"case-{_cases.Count + 1:0000000}", category);
        @case.Holders.Add((opened, holder));
        _cases.Add(@case);
        return @case;
    }

    /// <summary>The model's own figures at 30 September, by the DfE definitions (domain.md §1, §1a).</summary>
    private YearFigures Figures(int year)
    {
        var at = new DateOnly(year, 9, 30);
        var inPost = _posts.Where(p => p.InPostOn(at)).ToList();
        var leavers = _posts.Where(p => !p.Agency && p.LastDay is { } l && l >= at.AddYears(-1) && l < at).Sum(p => p.FteOn(p.LastDay!.Value));
        var vacancy = _teams.Sum(t => Math.Max(0, _establishment.GetValueOrDefault((t, year)) - inPost.Where(p => !p.Agency && p.Team == t).Sum(p => p.FteOn(at))));
        var open = _cases.Where(c => c.Holders[0].From <= at && (c.Closed is not { } closed || closed > at))
            .Select(c => c.Holders.Last(h => h.From <= at).Holder).Where(h => h.InPostOn(at)).ToList();
        return new YearFigures(year,
            inPost.Where(p => !p.Agency).Sum(p => p.FteOn(at)),
            inPost.Where(p => p.Agency).Sum(p => p.FteOn(at)),
            leavers,
            vacancy,
            open.Distinct().Sum(p => p.FteOn(at)),
            open.Count);
    }

    private List<Workforce.V1.StaffChange> StaffChanges(DateOnly end)
    {
        var changes = new List<(DateOnly Effective, Workforce.V1.StaffChange Change)>();
        void Add(DateOnly effective, string staffId, Action<Workforce.V1.StaffChange> set)
        {
            var change = new Workforce.V1.StaffChange { ChangeId = $"se-{_published.Authority}-{changes.Count + 1:0000000}", StaffId = staffId, EffectiveDate = Date(effective) };
            set(change);
            changes.Add((effective, change));
        }

        foreach (var ((team, year), funded) in _establishment)
        {
            Add(new DateOnly(year, 4, 1), "", c => c.Establishment = new Establishment { Team = team, FundedFte = funded / 10.0 });
        }

        foreach (var post in _posts)
        {
            var registeredFte = post.Ftes[0].Fte;
            foreach (var (from, fte) in post.Ftes.Where(f => f.From <= end))
            {
                registeredFte = fte > 0 ? fte : registeredFte;
                Add(from, post.StaffId, c => c.Assignment = new Assignment
                {
                    Team = post.Team,
                    CensusRole = post.Role,
                    Registered = fte > 0,
                    Contract = post.Agency ? ContractType.Agency : ContractType.Employed,
                    CoverReason = post.Agency ? CoverReason.Vacancy : CoverReason.Unspecified,
                    Fte = registeredFte / 10.0,
                    CaseHolding = post.CaseHolding,
                });
            }

            if (post.LastDay is { } last && last <= end)
            {
                Add(last, post.StaffId, c => c.Leaver = new Leaver { Reason = post.Agency ? "agency-end" : "resignation" });
            }
        }

        return [.. changes.OrderBy(c => c.Effective).Select(c => c.Change)];
    }

    private List<AllocationChange> AllocationChanges()
    {
        var changes = new List<(DateOnly Effective, AllocationChange Change)>();
        void Add(DateOnly effective, SyntheticCase @case, Action<AllocationChange> set)
        {
            var change = new AllocationChange { ChangeId = $"ae-{_published.Authority}-{changes.Count + 1:00000000}", CaseId = @case.CaseId, EffectiveDate = Date(effective) };
            set(change);
            changes.Add((effective, change));
        }

        foreach (var @case in _cases)
        {
            var (opened, first) = @case.Holders[0];
            Add(opened, @case, c => c.Open = new Open { Category = @case.Category, StaffId = first.StaffId });
            foreach (var (from, holder) in @case.Holders.Skip(1))
            {
                Add(from, @case, c => c.Allocate = new Allocate { StaffId = holder.StaffId });
            }

            if (@case.Closed is { } closed)
            {
                Add(closed, @case, c => c.Close = new Close());
            }
        }

        return [.. changes.OrderBy(c => c.Effective).Select(c => c.Change)];
    }

    /// <summary>
    /// Individual supervision every 28 days from the start in post (default policy), a few days early or late, one in
    /// twenty after a gap of two to six weeks more; now and then a group session or case discussion; most with actions.
    /// </summary>
    private List<Session> Sessions(DateOnly first, DateOnly end)
    {
        var managers = _posts.Where(p => p.Role <= 3).OrderByDescending(p => p.Role).ToList();
        var sessions = new List<(DateOnly Day, Session Session)>();
        foreach (var post in _posts)
        {
            var last = Min(post.LastDay ?? end, end);
            for (var day = Max(post.Start, first).AddDays(_random.Between(0, 27)); day <= last && post.FteOn(day) > 0; day = day.AddDays(Interval()))
            {
                // A council too small for a manager in post (City of London) has a senior colleague supervise; with no
                // colleague at all there is no session.
                var supervisor = managers.FirstOrDefault(m => m != post && m.Team == post.Team && m.Role > post.Role - 1 && m.InPostOn(day))
                    ?? managers.FirstOrDefault(m => m != post && m.Role < post.Role && m.InPostOn(day))
                    ?? _posts.Where(p => p != post && p.InPostOn(day) && p.FteOn(day) > 0).MinBy(p => p.Role);
                if (supervisor is null)
                {
                    continue;
                }

                var roll = _random.NextDouble();
                var session = new Session
                {
                    SessionId = $"ve-{_published.Authority}-{sessions.Count + 1:00000000}",
                    SuperviseeStaffId = post.StaffId,
                    SupervisorStaffId = supervisor.StaffId,
                    Date = Date(day),
                    Minutes = _random.Chance(0.8) ? _random.Between(90, 120) : _random.Between(60, 85),
                    Kind = roll < 0.9 ? SessionKind.Individual : roll < 0.95 ? SessionKind.Group : SessionKind.CaseDiscussion,
                };
                for (var a = _random.Chance(0.8) ? _random.Between(1, 2) : 0; a > 0; a--)
                {
                    session.Actions.Add(new SessionAction
                    {
                        OwnerStaffId = _random.Chance(0.8) ? post.StaffId : supervisor.StaffId,
                        DueDate = _random.Chance(1.0 / 12) ? null : Date(day.AddDays(_random.Between(7, 42))),
                    });
                }

                sessions.Add((day, session));
            }
        }

        return [.. sessions.OrderBy(s => s.Day).Select(s => s.Session)];
    }

    private int Interval()
    {
        var roll = _random.NextDouble();
        return roll < 0.72 ? 28 - _random.Between(0, 4) : roll < 0.95 ? 28 + _random.Between(1, 6) : 28 + _random.Between(14, 42);
    }

    private SyntheticPost NewPost(bool agency, DateOnly start, int fte)
    {
        var post = new SyntheticPost($"p-{_posts.Count + 1:000000}", agency, _teams[_random.Between(0, _teams.Count - 1)], _random.Pick(Roles), start, fte);
        _posts.Add(post);
        return post;
    }

    /// <summary>A post's FTE towards a gap: mostly full time; the last piece is what is left (never under 0.3 unless the gap is).</summary>
    private int Piece(int gap)
    {
        var fte = _random.Chance(0.7) ? 10 : _random.Pick(PartTime);
        return gap - fte is > 0 and < 3 ? gap - 3 : Math.Min(fte, gap);
    }

    /// <summary>A day after <paramref name="after"/>, up to and including <paramref name="upTo"/>.</summary>
    private DateOnly Day(DateOnly after, DateOnly upTo) =>
        upTo <= after ? upTo : after.AddDays(_random.Between(1, upTo.DayNumber - after.DayNumber));

    private List<T> Shuffled<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Between(0, i);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>Splits a whole into parts proportional to the weights, largest remainders first, so they sum exactly.</summary>
    private static int[] Apportion(int whole, int[] weights)
    {
        var total = weights.Sum();
        if (total == 0)
        {
            return [.. weights.Select((_, i) => i == 0 ? whole : 0)];
        }

        var parts = weights.Select(w => (int)((long)whole * w / total)).ToArray();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => (long)whole * weights[i] % total).Take(whole - parts.Sum()))
        {
            parts[i]++;
        }

        return parts;
    }

    private static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
