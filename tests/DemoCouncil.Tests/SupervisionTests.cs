using System.Globalization;
using Google.Protobuf;
using Supervision.V1;
using Workforce.V1;
using Xunit;
using Kind = Workforce.V1.StaffChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>
/// The supervision feed, checked from its messages and the HR feed's alone: valid by supervision.proto, consistent
/// with who was in post and away, and regular as domain.md §4 describes a council that mostly keeps its policy.
/// </summary>
public sealed class SupervisionTests
{
    private static readonly DateOnly End = DemoFeeds.Options.End;
    private static readonly SupervisionFeed Feed = DemoFeeds.Supervision;
    private static readonly Dictionary<string, PostHistory> Posts = DemoFeeds.Replayed.Posts.ToDictionary(p => p.StaffId);

    [Fact]
    public void The_same_seed_gives_byte_identical_batches_and_another_seed_different_ones()
    {
        var again = Bytes(SupervisionFeed.From(Council.Generate(DemoFeeds.Options)));
        var otherSeed = Bytes(SupervisionFeed.From(Council.Generate(DemoFeeds.Options with { Seed = DemoFeeds.Options.Seed + 1 })));

        Assert.Equal(Bytes(Feed), again);
        Assert.NotEqual(Bytes(Feed), otherSeed);
    }

    [Theory]
    [InlineData(20250930, "841", "2025-09-30")]
    [InlineData(1, "841", "2025-09-30")]
    [InlineData(7, "840", "2024-03-15")]
    public void Every_batch_and_session_is_valid_and_batches_go_in_sending_order(int seed, string authority, string end)
    {
        var options = new DemoCouncilOptions { Seed = seed, Authority = authority, End = DateOnly.Parse(end, CultureInfo.InvariantCulture) };
        var feed = seed == DemoFeeds.Options.Seed ? Feed : SupervisionFeed.From(Council.Generate(options));

        Assert.All(feed.Batches, b => Assert.InRange(b.Sessions.Count, 1, SupervisionFeed.MaxBatchSize));
        Assert.Equal(feed.Batches.Select(b => b.SentOn).Order(), feed.Batches.Select(b => b.SentOn));
        Assert.All(feed.Batches, b => Assert.True(b.SentOn <= options.End));
        Assert.Empty(feed.Sessions.SelectMany(s => Violations(s, options.End).Select(v => $"{s.SessionId}: {v}")));
        Assert.Equal(feed.Sessions.Count, feed.Sessions.Select(s => s.SessionId).Distinct().Count());
        Assert.All(feed.Sessions, s => Assert.Matches($"^demo-{authority}-sup-[0-9]{{6}}$", s.SessionId));
    }

    [Fact]
    public void Supervisee_and_supervisor_are_registered_and_in_post_on_the_day_and_actions_name_one_of_them()
    {
        Assert.All(Feed.Sessions, s =>
        {
            var day = Replay.Day(s.Date);
            Assert.True(Posts[s.SuperviseeStaffId].On(day) is { Registered: true }, $"{s.SessionId}: supervisee not in post");
            Assert.True(Posts[s.SupervisorStaffId].On(day) is { Registered: true }, $"{s.SessionId}: supervisor not in post");
            Assert.All(s.Actions, a => Assert.Contains(a.OwnerStaffId, new[] { s.SuperviseeStaffId, s.SupervisorStaffId }));
        });
    }

    [Fact]
    public void No_session_falls_in_a_long_term_absence_of_the_supervisee()
    {
        Assert.All(Feed.Sessions, s =>
        {
            var day = Replay.Day(s.Date);
            Assert.DoesNotContain(LongTermAbsences(Posts[s.SuperviseeStaffId]), a => a.First <= day && day <= a.Last);
        });
    }

    [Fact]
    public void Sessions_are_mostly_individual_with_some_short_ones_and_most_set_actions_some_without_a_due_date()
    {
        var sessions = Feed.Sessions;
        var individual = sessions.Count(s => s.Kind == SessionKind.Individual);
        Assert.InRange(individual, 0.7 * sessions.Count, 0.9 * sessions.Count);
        Assert.Contains(sessions, s => s.Kind == SessionKind.Group);
        Assert.Contains(sessions, s => s.Kind == SessionKind.CaseDiscussion);
        Assert.InRange(sessions.Count(s => s.Minutes is >= 60 and <= 120), 0.9 * sessions.Count, sessions.Count);
        Assert.InRange(sessions.Count(s => s.Minutes < 90), 0.1 * sessions.Count, 0.45 * sessions.Count);
        Assert.InRange(sessions.Count(s => s.Actions.Count > 0), 0.6 * sessions.Count, 0.95 * sessions.Count);
        Assert.Contains(sessions, s => s.Actions.Any(a => a.DueDate is null));
        Assert.Contains(sessions, s => s.Actions.Any(a => a.CaseId.Length > 0));
        // Case ids are the allocation feed's opaque ids.
        var caseIds = DemoFeeds.Allocations.Changes.Select(c => c.CaseId).ToHashSet();
        Assert.All(sessions.SelectMany(s => s.Actions).Where(a => a.CaseId.Length > 0), a => Assert.Contains(a.CaseId, caseIds));
    }

    [Fact]
    public void Between_70_and_95_percent_of_supervised_staff_are_in_date_at_the_end_date_as_the_summary_says()
    {
        var lastSessions = Feed.Sessions.Where(s => s.Kind == SessionKind.Individual)
            .GroupBy(s => s.SuperviseeStaffId).ToDictionary(g => g.Key, g => g.Max(s => Replay.Day(s.Date)));
        var supervised = Posts.Values
            .Where(p => p.On(End) is { Registered: true } && !LongTermAbsences(p).Any(a => a.First <= End && End <= a.Last))
            .ToList();
        var inDate = supervised.Count(p => Due(p, lastSessions.GetValueOrDefault(p.StaffId)) >= End);

        Assert.InRange(100.0 * inDate / supervised.Count, 70, 95);
        Assert.Equal(Feed.Summary.Supervised, supervised.Count);
        Assert.Equal(Feed.Summary.InDate, inDate);
        // A few are badly overdue: no individual session for two months.
        Assert.Contains(supervised, p => lastSessions.GetValueOrDefault(p.StaffId) < End.AddDays(-60) && p.Assignments[0].From < End.AddDays(-90));
    }

    [Fact]
    public void A_newly_qualified_worker_is_supervised_weekly_in_their_first_six_weeks()
    {
        var weekly = Posts.Values.Where(p => p.Assignments.Any(a => a.Assignment.AsyeStart is not null)).Any(p =>
        {
            var asye = Replay.Day(p.Assignments.First(a => a.Assignment.AsyeStart is not null).Assignment.AsyeStart);
            var days = Feed.Sessions.Where(s => s.SuperviseeStaffId == p.StaffId && s.Kind == SessionKind.Individual)
                .Select(s => Replay.Day(s.Date)).Where(d => d >= asye && d < asye.AddDays(42)).Order().ToList();
            return days.Count >= 4 && days.Zip(days.Skip(1)).All(d => d.Second.DayNumber - d.First.DayNumber <= 9);
        });

        Assert.True(weekly);
    }

    [Fact]
    public void The_hr_feed_names_a_line_manager_one_level_up_for_registered_staff_below_the_senior_manager()
    {
        var assignments = DemoFeeds.Default.Changes.Where(c => c.ChangeCase == Kind.Assignment && c.Assignment.CensusRole > 1).ToList();
        Assert.InRange(assignments.Count(c => c.Assignment.LineManagerStaffId.Length > 0), 0.9 * assignments.Count, assignments.Count);
        Assert.All(assignments.Where(c => c.Assignment.LineManagerStaffId.Length > 0), c =>
        {
            var manager = Posts[c.Assignment.LineManagerStaffId].On(Max(Replay.Day(c.EffectiveDate), DemoFeeds.Options.Start.AddDays(-1)));
            Assert.NotNull(manager);
            Assert.Equal(Math.Min(c.Assignment.CensusRole, 4) - 1, manager.CensusRole);
        });
    }

    /// <summary>Latest version of each absence that is long-term as the workforce service judges it at the end date.</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> LongTermAbsences(PostHistory post) =>
        post.Absences.GroupBy(c => c.ChangeId).Select(g => g.MaxBy(c => c.SourceVersion)!)
            .Select(c => (First: Replay.Day(c.EffectiveDate), Last: c.Absence.LastDay is { } last ? Replay.Day(last) : End, c.Absence.Reason))
            .Where(a => a.Reason == AbsenceReason.Maternity || a.Last.DayNumber - a.First.DayNumber + 1 >= 28)
            .Select(a => (a.First, a.Last));

    /// <summary>Last individual session, start in post or day after a long-term absence, whichever is latest, plus the policy's interval then.</summary>
    private static DateOnly Due(PostHistory post, DateOnly lastSession)
    {
        var start = End;
        while (post.On(start.AddDays(-1)) is { Registered: true })
        {
            start = start.AddDays(-1);
        }

        var anchor = new[] { lastSession, start }.Concat(LongTermAbsences(post).Where(a => a.Last < End).Select(a => a.Last.AddDays(1))).Max();
        var asye = post.On(anchor)?.AsyeStart is { } a ? Replay.Day(a) : (DateOnly?)null;
        var interval = asye is not { } first || anchor >= first.AddMonths(6) ? 28 : anchor < first.AddDays(42) ? 7 : 14;
        return anchor.AddDays(interval);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static byte[] Bytes(SupervisionFeed feed) =>
        [.. feed.Batches.SelectMany(b => new RecordSessionsRequest { Authority = feed.Authority, Sessions = { b.Sessions } }.ToByteArray())];

    /// <summary>The rules supervision.proto and the service document for a session: the fields that break them.</summary>
    private static IEnumerable<string> Violations(Session s, DateOnly end)
    {
        static bool IsId(string value, int max) => value.Length > 0 && value.Length <= max && !value.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch));
        static bool IsDate(Google.Type.Date? d) =>
            d is { Year: >= 1 and <= 9999, Month: >= 1 and <= 12, Day: >= 1 } && d.Day <= DateTime.DaysInMonth(d.Year, d.Month);

        List<(bool Ok, string Field)> checks =
        [
            (IsId(s.SessionId, 128), "session_id"),
            (s.SourceVersion >= 0, "source_version"),
            (s.RetractsSessionId.Length == 0, "retracts_session_id"),
            (IsId(s.SuperviseeStaffId, 64), "supervisee_staff_id"),
            (IsId(s.SupervisorStaffId, 64) && s.SupervisorStaffId != s.SuperviseeStaffId, "supervisor_staff_id"),
            (IsDate(s.Date) && Replay.Day(s.Date) <= end, "date"),
            (s.Minutes is > 0 and <= 1440, "minutes"),
            (s.Kind is SessionKind.Individual or SessionKind.Group or SessionKind.CaseDiscussion, "kind"),
        ];
        for (var i = 0; i < s.Actions.Count; i++)
        {
            var a = s.Actions[i];
            checks.Add((IsId(a.OwnerStaffId, 64), $"actions[{i}].owner_staff_id"));
            checks.Add((a.DueDate is null || IsDate(a.DueDate), $"actions[{i}].due_date"));
            checks.Add((a.CaseId.Length == 0 || IsId(a.CaseId, 64), $"actions[{i}].case_id"));
        }

        return checks.Where(check => !check.Ok).Select(check => check.Field);
    }
}
