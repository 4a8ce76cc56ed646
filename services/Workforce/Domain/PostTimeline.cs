using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>A stretch of time [From, To) over which a post is in post with one assignment.</summary>
public sealed record PostPeriod(DateOnly From, DateOnly? To, PostState State)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day < To);
}

public enum ExitKind
{
    /// <summary>An HR leaver: employment ended.</summary>
    Left = 1,

    /// <summary>The post moved from direct employment to agency work: a leaver from direct employment.</summary>
    BecameAgency = 2,
}

/// <summary>The end of a post's direct or agency employment, on <see cref="LastDay"/> (the last day worked), with the HR leaving reason if any.</summary>
public sealed record PostExit(DateOnly LastDay, PostState State, ExitKind Kind, string? Reason = null);

public sealed record Absence(DateOnly FirstDay, DateOnly? LastDay, AbsenceReason Reason, long WorkingDaysLostHundredths)
{
    /// <summary>Days from the first day to the last (or to <paramref name="asOf"/> while open), inclusive.</summary>
    public int LengthInDays(DateOnly asOf) => (LastDay ?? asOf).DayNumber - FirstDay.DayNumber + 1;

    public bool Covers(DateOnly day) => FirstDay <= day && (LastDay is null || day <= LastDay);

    /// <summary>
    /// The share of the working days lost that falls in [from, to], pro rata to calendar days (an absence open at
    /// <paramref name="asOf"/> is taken to run to it): HR sends one total per absence, not a day-by-day record.
    /// </summary>
    public decimal WorkingDaysLostWithin(DateOnly from, DateOnly to, DateOnly asOf)
    {
        var last = LastDay ?? asOf;
        if (last < FirstDay)
        {
            return 0;
        }

        var overlapFrom = FirstDay > from ? FirstDay : from;
        var overlapTo = last < to ? last : to;
        var overlap = overlapTo.DayNumber - overlapFrom.DayNumber + 1;
        return overlap <= 0 ? 0 : WorkingDaysLostHundredths / 100m * overlap / (last.DayNumber - FirstDay.DayNumber + 1);
    }
}

/// <summary>
/// One post's effective-dated history folded from its changes (conventions of domain.md §1a): each assignment
/// holds until the next; a leaver ends employment the day after the last day worked; a later assignment after
/// a leaver starts a new spell; a reinstatement cancels the latest leaver whose last day is on or before it.
/// </summary>
public sealed class PostTimeline
{
    private PostTimeline(string staffId, string personId, IReadOnlyList<PostPeriod> periods, IReadOnlyList<DateOnly> starts, IReadOnlyList<PostExit> exits, IReadOnlyList<Absence> absences)
    {
        StaffId = staffId;
        PersonId = personId;
        Periods = periods;
        Starts = starts;
        Exits = exits;
        Absences = absences;
    }

    public string StaffId { get; }

    /// <summary>The person holding the post: the person id sent with its changes, else the post's own id.</summary>
    public string PersonId { get; }

    public IReadOnlyList<PostPeriod> Periods { get; }

    /// <summary>First days of each spell of employment, direct or agency (a change of contract starts a new one).</summary>
    public IReadOnlyList<DateOnly> Starts { get; }

    public IReadOnlyList<PostExit> Exits { get; }

    public IReadOnlyList<Absence> Absences { get; }

    /// <summary>True when the post has no assignment at all (its leavers and absences are unmatched).</summary>
    public bool IsUnmatched => Periods.Count == 0;

    public PostState? StateOn(DateOnly day) => Periods.FirstOrDefault(p => p.Covers(day))?.State;

    public static PostTimeline Build(string staffId, IEnumerable<StaffChange> changes)
    {
        var list = changes.OrderBy(c => c.Sequence).ToList();
        var personId = list.LastOrDefault(c => c.PersonId is not null)?.PersonId ?? staffId;

        var leavers = LeaversInForce(list);

        // Of several assignments effective on one day, the one recorded last is the day's assignment. An assignment
        // effective after a leaver's last day but recorded before the leaver was a plan the leaving overtook; one
        // recorded after the leaver starts a new spell.
        var assignments = list.Where(c => c.Kind == ChangeKind.Assignment)
            .Where(c => !leavers.Any(l => c.EffectiveDate > l.EffectiveDate && c.Sequence < l.Sequence))
            .GroupBy(c => c.EffectiveDate)
            .Select(day => day.MaxBy(c => c.Sequence)!)
            .Select(c => (Date: c.EffectiveDate, IsEnd: false, State: (PostState?)c.ToPostState(), Reason: (string?)null));
        var ends = leavers
            .Select(l => (Date: l.EffectiveDate.AddDays(1), IsEnd: true, State: (PostState?)null, Reason: l.LeavingReason));

        var periods = new List<PostPeriod>();
        var starts = new List<DateOnly>();
        var exits = new List<PostExit>();
        PostState? current = null;
        var currentFrom = default(DateOnly);

        // Ends sort before starts on the same day: a leaver whose post continues as agency work the next day.
        foreach (var (date, isEnd, state, reason) in assignments.Concat(ends).OrderBy(e => e.Date).ThenByDescending(e => e.IsEnd))
        {
            if (current is not null)
            {
                periods.Add(new PostPeriod(currentFrom, date, current));
                if (isEnd)
                {
                    exits.Add(new PostExit(date.AddDays(-1), current, ExitKind.Left, reason));
                }
                else if (current.Contract != state!.Contract)
                {
                    // A change of contract ends one kind of employment and starts the other (domain.md §1a).
                    starts.Add(date);
                    if (current.Contract == ContractType.Employed)
                    {
                        exits.Add(new PostExit(date.AddDays(-1), current, ExitKind.BecameAgency));
                    }
                }
            }
            else if (!isEnd)
            {
                starts.Add(date);
            }

            current = isEnd ? null : state;
            currentFrom = date;
        }

        if (current is not null)
        {
            periods.Add(new PostPeriod(currentFrom, null, current));
        }

        var absences = list.Where(c => c.Kind == ChangeKind.Absence && c.AbsenceReason is not null)
            .Select(c => new Absence(c.EffectiveDate, c.AbsenceLastDay, c.AbsenceReason!.Value, c.WorkingDaysLostHundredths))
            .OrderBy(a => a.FirstDay)
            .ToList();
        return new PostTimeline(staffId, personId, periods, starts, exits, absences);
    }

    /// <summary>The leavers a reinstatement has not cancelled (one per last day, the latest recorded).</summary>
    private static List<StaffChange> LeaversInForce(List<StaffChange> changes)
    {
        var leavers = changes.Where(c => c.Kind == ChangeKind.Leaver)
            .GroupBy(c => c.EffectiveDate)
            .Select(day => day.MaxBy(c => c.Sequence)!)
            .OrderBy(c => c.EffectiveDate)
            .ToList();
        foreach (var reinstatement in changes.Where(c => c.Kind == ChangeKind.Reinstatement).OrderBy(c => c.EffectiveDate))
        {
            if (leavers.LastOrDefault(l => l.EffectiveDate <= reinstatement.EffectiveDate) is { } cancelled)
            {
                leavers.Remove(cancelled);
            }
        }

        return leavers;
    }
}
