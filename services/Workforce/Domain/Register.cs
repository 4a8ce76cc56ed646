using Workforce.ServiceDefaults.Caching;

namespace Workforce.Api.Domain;

/// <summary>A team's funded FTE from a date (until the team's next establishment change).</summary>
public sealed record EstablishmentEntry(string Team, DateOnly From, long FundedFteMillionths);

/// <summary>A post in post on a day, with its assignment then.</summary>
public sealed record PostOnDay(PostTimeline Post, PostState State);

/// <summary>The staff register as known at one time: every post's timeline and every team's establishment.</summary>
public sealed class Register
{
    private readonly Dictionary<string, PostTimeline> _posts;
    private readonly ILookup<string, EstablishmentEntry> _establishment;

    private Register(Dictionary<string, PostTimeline> posts, ILookup<string, EstablishmentEntry> establishment, SettingsHistory settings, DateTimeOffset? watermark)
    {
        _posts = posts;
        _establishment = establishment;
        Settings = settings;
        Watermark = watermark;
    }

    /// <summary>The council's dated settings.</summary>
    public SettingsHistory Settings { get; }

    public IReadOnlyCollection<PostTimeline> Posts => _posts.Values;

    /// <summary>Figures worked out from this register, which never changes once built.</summary>
    public AnswerMemo Memo { get; } = new();

    /// <summary>When the latest change this register reflects was recorded (null when empty).</summary>
    public DateTimeOffset? Watermark { get; }

    public PostTimeline? Post(string staffId) => _posts.GetValueOrDefault(staffId);

    /// <summary>Builds the register from a change log as known at <paramref name="knownAt"/> (everything when null).</summary>
    public static Register Build(IEnumerable<StaffChange> log, DateTimeOffset? knownAt = null)
    {
        var effective = ChangeLog.Effective(log, knownAt);
        var posts = effective
            .Where(c => c.StaffId is not null)
            .GroupBy(c => c.StaffId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => PostTimeline.Build(g.Key, g), StringComparer.Ordinal);
        var establishment = effective
            .Where(c => c.Kind == ChangeKind.Establishment && c.Team is not null)
            .Select(c => new EstablishmentEntry(c.Team!, c.EffectiveDate, c.FundedFteMillionths))
            .ToLookup(e => e.Team, StringComparer.Ordinal);
        DateTimeOffset? watermark = effective.Count == 0 ? null : effective.Max(c => c.RecordedAt);
        return new Register(posts, establishment, SettingsHistory.From(effective), watermark);
    }

    /// <summary>Posts in post on <paramref name="day"/>: an assignment in force and employment not ended.</summary>
    public IEnumerable<PostOnDay> InPost(DateOnly day)
    {
        foreach (var post in _posts.Values)
        {
            if (post.StateOn(day) is { } state)
            {
                yield return new PostOnDay(post, state);
            }
        }
    }

    public IEnumerable<string> EstablishedTeams => _establishment.Select(g => g.Key);

    /// <summary>Funded FTE (millionths) of a team by the establishment in force on <paramref name="day"/>; 0 when none.</summary>
    public long FundedFteMillionths(string team, DateOnly day) =>
        _establishment[team].Where(e => e.From <= day).MaxBy(e => e.From)?.FundedFteMillionths ?? 0;
}
