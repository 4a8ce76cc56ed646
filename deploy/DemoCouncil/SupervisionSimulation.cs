using Supervision.V1;

namespace Workforce.DemoCouncil;

/// <summary>One structured action: who must act, by when (HR apps let the date be left blank), optionally on which case.</summary>
public sealed record SupervisionAction(string OwnerStaffId, DateOnly? Due, string? CaseId);

/// <summary>
/// One supervision session as a managers' app records it; Id numbers it in recording order (its session id derives
/// from it), Recorded is the day it was sent. No free text: what was discussed stays in the app.
/// </summary>
public sealed record SupervisionRecord(
    int Id,
    string SuperviseeStaffId,
    string SupervisorStaffId,
    DateOnly Date,
    int Minutes,
    SessionKind Kind,
    IReadOnlyList<SupervisionAction> Actions,
    DateOnly Recorded);

/// <summary>
/// Supervises every registered social worker in post, managers included, under the suite's default policy
/// (domain.md §4) with the slippage of a real council: most sessions on time, some days late, now and then a gap of
/// six to ten weeks, a few staff left overdue at the end; none during a long-term absence or after the last day.
/// </summary>
internal sealed class SupervisionSimulation
{
    /// <summary>The suite's default long-term absence threshold: maternity, or this many days.</summary>
    public const int LongTermAbsenceDays = 28;

    private static readonly int[] FullMinutes = [90, 90, 90, 90, 105, 120];
    private static readonly int[] ShortMinutes = [60, 60, 75, 80, 85];
    private static readonly int[] ActionDueDays = [7, 14, 14, 28, 28, 42];

    private readonly Council _council;
    private readonly SeededRandom _random;
    private readonly Dictionary<string, Post> _posts;
    private readonly Dictionary<string, List<(string CaseId, DateOnly From, DateOnly To)>> _casesHeld;
    private readonly List<SupervisionRecord> _sessions = [];

    public SupervisionSimulation(Council council)
    {
        _council = council;
        // A stream of its own, so the HR feed and the cases of a seed are the same with or without supervision.
        _random = new SeededRandom(council.Options.Seed ^ 0x5E551);
        _posts = council.Posts.ToDictionary(p => p.StaffId);
        _casesHeld = council.Cases.SelectMany(HeldSpans).GroupBy(h => h.StaffId)
            .ToDictionary(g => g.Key, g => g.Select(h => (h.CaseId, h.From, h.To)).ToList());
    }

    private DateOnly Start => _council.Options.Start;

    private DateOnly End => _council.Options.End;

    public Council Run()
    {
        foreach (var post in _council.Posts)
        {
            foreach (var (from, to) in PeriodsInPost(post))
            {
                Supervise(post, from, to);
            }
        }

        // Numbered in the order the app sent them, so session ids follow the feed.
        var id = 0;
        foreach (var s in _sessions.OrderBy(s => s.Recorded).ThenBy(s => s.Date).ThenBy(s => s.SuperviseeStaffId, StringComparer.Ordinal).ThenBy(s => s.Kind))
        {
            _council.Add(s with { Id = ++id });
        }

        return _council;
    }

    /// <summary>The interval of the worker's stage on a day under the default policy (domain.md §4).</summary>
    public static int IntervalDays(DateOnly? asyeStart, DateOnly day) =>
        asyeStart is not { } asye || day >= asye.AddMonths(6) ? 28
        : day < asye.AddDays(42) ? 7
        : 14;

    /// <summary>Long-term as the workforce service judges it on <paramref name="asOf"/>: an open absence counts its length so far.</summary>
    public static bool IsLongTerm(AbsenceRecord absence, DateOnly asOf)
    {
        var last = absence.Reports[^1].LastDay ?? asOf;
        return absence.Reason == Workforce.V1.AbsenceReason.Maternity || last.DayNumber - absence.FirstDay.DayNumber + 1 >= LongTermAbsenceDays;
    }

    /// <summary>Registered and in post on every day of [From, To], up to the end date.</summary>
    public static IEnumerable<(DateOnly From, DateOnly To)> PeriodsInPost(Post post, DateOnly end)
    {
        DateOnly? from = null;
        var first = post.Assignments.Where(a => a.RetractedBy is null).Select(a => a.From).DefaultIfEmpty(end.AddDays(1)).Min();
        for (var day = first; day <= end; day = day.AddDays(1))
        {
            var inPost = post.TermsOn(day) is { Registered: true };
            if (inPost && from is null)
            {
                from = day;
            }
            else if (!inPost && from is { } f)
            {
                yield return (f, day.AddDays(-1));
                from = null;
            }
        }

        if (from is { } open)
        {
            yield return (open, end);
        }
    }

    private IEnumerable<(DateOnly From, DateOnly To)> PeriodsInPost(Post post) => PeriodsInPost(post, End);

    private void Supervise(Post post, DateOnly from, DateOnly to)
    {
        // A few staff fall through the net for the last months: badly overdue at the end date.
        var stop = _random.Chance(0.05) ? End.AddDays(-_random.Between(50, 110)) : End;
        var longAbsences = post.Absences.Where(a => IsLongTerm(a, End)).ToList();

        // Staff in post before the history had their last session in the month before it.
        var anchor = from;
        if (from < Start.AddDays(-28))
        {
            anchor = CouncilSimulation.NextWeekday(Start.AddDays(-_random.Between(3, 28)));
            if (post.AbsentOn(anchor) || !Record(post, anchor, SessionKind.Individual))
            {
                anchor = from;
            }
        }

        var next = Next(post, anchor);
        while (next <= to && next <= stop)
        {
            if (longAbsences.FirstOrDefault(a => a.FirstDay <= next && (a.Reports[^1].LastDay is not { } last || last >= anchor)) is { } absence)
            {
                // No supervision while away; the clock restarts the day after the absence.
                if (absence.Reports[^1].LastDay is not { } lastDay || lastDay >= to)
                {
                    return;
                }

                anchor = lastDay.AddDays(1);
                next = Next(post, anchor);
                continue;
            }

            if (post.AbsentOn(next) || !Record(post, next, SessionKind.Individual))
            {
                // Off for a day or two, or no manager to hand: the session waits a few days.
                next = CouncilSimulation.NextWeekday(next.AddDays(_random.Between(2, 5)));
                continue;
            }

            anchor = next;
            next = Next(post, anchor);
            Extra(post, anchor, next, to);
        }
    }

    /// <summary>Now and then a group supervision or a case discussion between two individual sessions.</summary>
    private void Extra(Post post, DateOnly after, DateOnly before, DateOnly to)
    {
        var kind = _random.NextDouble() switch { < 0.12 => SessionKind.Group, < 0.24 => SessionKind.CaseDiscussion, _ => SessionKind.Unspecified };
        var gap = before.DayNumber - after.DayNumber;
        if (kind == SessionKind.Unspecified || gap < 10)
        {
            return;
        }

        var day = CouncilSimulation.NextWeekday(after.AddDays(_random.Between(3, gap - 4)));
        if (day < before && day <= to && day <= End && !post.AbsentOn(day))
        {
            Record(post, day, kind);
        }
    }

    /// <summary>When the next individual session happens: mostly on time or a little early, some days late, now and then a long gap.</summary>
    private DateOnly Next(Post post, DateOnly anchor)
    {
        var interval = IntervalDays(post.TermsOn(anchor)?.AsyeStart, anchor);
        var days = interval == 7
            ? interval + (_random.Chance(0.85) ? _random.Between(-1, 0) : _random.Between(1, 4))
            : _random.NextDouble() switch
            {
                < 0.05 => _random.Between(42, 70),
                < 0.27 => interval + _random.Between(1, 6),
                _ => interval - _random.Between(0, 5),
            };
        return CouncilSimulation.NextWeekday(anchor.AddDays(days));
    }

    /// <returns>False when nobody could supervise the worker that day.</returns>
    private bool Record(Post post, DateOnly day, SessionKind kind)
    {
        var supervisor = Supervisor(post, day);
        if (supervisor is null)
        {
            return false;
        }

        var minutes = kind switch
        {
            SessionKind.Individual => _random.NextDouble() switch { < 0.78 => _random.Pick(FullMinutes), < 0.97 => _random.Pick(ShortMinutes), _ => 45 },
            SessionKind.Group => _random.Pick(FullMinutes),
            _ => _random.Pick(ShortMinutes),
        };
        var recorded = _random.NextDouble() switch { < 0.7 => day, < 0.95 => day.AddDays(_random.Between(1, 7)), _ => day.AddDays(_random.Between(8, 30)) };
        _sessions.Add(new SupervisionRecord(0, post.StaffId, supervisor, day, minutes, kind, Actions(post.StaffId, supervisor, day, kind), CouncilSimulation.Min(recorded, End)));
        return true;
    }

    /// <summary>The line manager HR names if available that day; otherwise whoever else manages at that level.</summary>
    private string? Supervisor(Post post, DateOnly day)
    {
        if (post.AssignmentOn(day) is not { } assignment || post.TermsOn(day) is not { } terms)
        {
            return null;
        }

        bool Available(Post manager) => manager.TermsOn(day) is { Registered: true } && !manager.AbsentOn(day);
        return _council.LineManager(post, assignment) is { } named && Available(_posts[named])
            ? named
            : _council.LineManagers(post.StaffId, terms, day).FirstOrDefault(Available)?.StaffId;
    }

    private List<SupervisionAction> Actions(string supervisee, string supervisor, DateOnly day, SessionKind kind)
    {
        var chance = kind switch { SessionKind.Individual => 0.85, SessionKind.CaseDiscussion => 0.9, _ => 0.3 };
        if (!_random.Chance(chance))
        {
            return [];
        }

        var cases = _casesHeld.GetValueOrDefault(supervisee)?.Where(c => c.From <= day && day < c.To).Select(c => c.CaseId).ToList() ?? [];
        var undated = _random.Chance(0.12) ? _random.Between(0, 2) : -1;
        var actions = new List<SupervisionAction>();
        for (var i = _random.Between(1, 3) - 1; i >= 0; i--)
        {
            var owner = _random.Chance(0.75) ? supervisee : supervisor;
            DateOnly? due = i == undated ? null : day.AddDays(_random.Pick(ActionDueDays));
            var caseId = cases.Count > 0 && (kind == SessionKind.CaseDiscussion || _random.Chance(0.4)) ? _random.Pick(cases) : null;
            actions.Add(new SupervisionAction(owner, due, caseId));
        }

        return actions;
    }

    /// <summary>Who held a case over which days [From, To): retracted allocations skipped, the closure ends the last.</summary>
    private static IEnumerable<(string StaffId, string CaseId, DateOnly From, DateOnly To)> HeldSpans(Case @case)
    {
        var kept = @case.Allocations.Where(a => a.RetractedBy is null).OrderBy(a => a.From).ThenBy(a => a.Id).ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            var to = i + 1 < kept.Count ? kept[i + 1].From : @case.Closure?.On ?? DateOnly.MaxValue;
            if (kept[i].StaffId is { } staffId && kept[i].From < to)
            {
                yield return (staffId, @case.CaseId, kept[i].From, to);
            }
        }
    }
}
