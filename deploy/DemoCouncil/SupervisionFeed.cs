using System.Globalization;
using System.Text;
using Supervision.V1;

namespace Workforce.DemoCouncil;

/// <summary>The sessions of one weekly send, at most <see cref="SupervisionFeed.MaxBatchSize"/>.</summary>
public sealed record SessionBatch(DateOnly SentOn, IReadOnlyList<Session> Sessions);

/// <summary>
/// A council's supervision sessions as the SupervisionRecords feed, ordered by when the app recorded them and batched
/// by week. Session ids derive from record ids (demo-841-sup-000123), so sending the feed again is a no-op.
/// </summary>
public sealed class SupervisionFeed
{
    public const int MaxBatchSize = 1000;

    private SupervisionFeed(string authority, IReadOnlyList<SessionBatch> batches, SupervisionSummary summary)
    {
        Authority = authority;
        Batches = batches;
        Sessions = [.. batches.SelectMany(b => b.Sessions)];
        Summary = summary;
    }

    public string Authority { get; }

    public IReadOnlyList<SessionBatch> Batches { get; }

    /// <summary>Every session in sending order.</summary>
    public IReadOnlyList<Session> Sessions { get; }

    public SupervisionSummary Summary { get; }

    public static SupervisionFeed From(Council council)
    {
        var authority = council.Options.Authority;
        var end = council.Options.End;
        var batches = council.Supervision.OrderBy(s => s.Recorded).ThenBy(s => s.Id)
            .GroupBy(s => s.Recorded.AddDays((7 - (int)s.Recorded.DayOfWeek) % 7))
            .SelectMany(week => week.Chunk(MaxBatchSize).Select(chunk => new SessionBatch(
                CouncilSimulation.Min(week.Key, end), [.. chunk.Select(s => Session(authority, s))])))
            .ToList();
        return new SupervisionFeed(authority, batches, SupervisionSummary.Of(council, batches));
    }

    private static Session Session(string authority, SupervisionRecord s) => new()
    {
        SessionId = $"demo-{authority}-sup-{s.Id:000000}",
        SuperviseeStaffId = s.SuperviseeStaffId,
        SupervisorStaffId = s.SupervisorStaffId,
        Date = Date(s.Date),
        Minutes = s.Minutes,
        Kind = s.Kind,
        Actions = { s.Actions.Select(a => new SessionAction { OwnerStaffId = a.OwnerStaffId, DueDate = a.Due is { } due ? Date(due) : null, CaseId = a.CaseId ?? "" }) },
    };

    private static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}

/// <summary>What a supervision feed holds, and who is in date at the end date by the generator's own fold.</summary>
public sealed record SupervisionSummary(
    DateOnly End,
    int Batches,
    IReadOnlyList<(string Kind, int Count)> SessionsByKind,
    int UnderMinimumMinutes,
    int WithActions,
    int WithCompleteActions,
    int Supervised,
    int InDate)
{
    /// <summary>The suite's default minimum length of a session (domain.md §4).</summary>
    public const int MinimumMinutes = 90;

    internal static SupervisionSummary Of(Council council, IReadOnlyList<SessionBatch> batches)
    {
        var end = council.Options.End;
        var sessions = council.Supervision;
        var supervised = council.Posts
            .Where(p => p.TermsOn(end) is { Registered: true } && !p.Absences.Any(a => a.FirstDay <= end && (a.Reports[^1].LastDay is not { } last || last >= end) && SupervisionSimulation.IsLongTerm(a, end)))
            .ToList();
        var lastSessions = sessions.Where(s => s.Kind == SessionKind.Individual).GroupBy(s => s.SuperviseeStaffId).ToDictionary(g => g.Key, g => g.Max(s => s.Date));
        return new SupervisionSummary(
            end,
            batches.Count,
            [.. sessions.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => (g.Key.ToString().ToLowerInvariant(), g.Count()))],
            sessions.Count(s => s.Minutes < MinimumMinutes),
            sessions.Count(s => s.Actions.Count > 0),
            sessions.Count(s => s.Actions.Count > 0 && s.Actions.All(a => a.Due is not null)),
            supervised.Count,
            supervised.Count(p => Due(p, lastSessions.GetValueOrDefault(p.StaffId), end) >= end));
    }

    /// <summary>
    /// The last individual session, the start in post or the day after a long-term absence, whichever is latest, plus
    /// the interval of the worker's stage on that day (domain.md §4).
    /// </summary>
    private static DateOnly Due(Post post, DateOnly lastSession, DateOnly end)
    {
        var from = SupervisionSimulation.PeriodsInPost(post, end).Last().From;
        var anchor = new[] { lastSession, from }
            .Concat(post.Absences.Where(a => a.Reports[^1].LastDay < end && SupervisionSimulation.IsLongTerm(a, end)).Select(a => a.Reports[^1].LastDay!.Value.AddDays(1)))
            .Max();
        return anchor.AddDays(SupervisionSimulation.IntervalDays(post.TermsOn(anchor)?.AsyeStart, anchor));
    }

    public int Sessions => SessionsByKind.Sum(k => k.Count);

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return new StringBuilder()
            .AppendLine(c, $"Supervision: {Sessions} sessions in {Batches} weekly batches: {string.Join(", ", SessionsByKind.Select(k => $"{k.Kind} {k.Count}"))}")
            .AppendLine(c, $"  {Share(UnderMinimumMinutes, Sessions)} under {MinimumMinutes} minutes, {Share(WithActions, Sessions)} with actions, {Share(WithCompleteActions, Sessions)} with complete actions (owner and due date)")
            .Append(c, $"  at {End:yyyy-MM-dd}: {InDate} of {Supervised} supervised staff in date ({Share(InDate, Supervised)})")
            .ToString();
    }

    private static string Share(int part, int whole) => (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
