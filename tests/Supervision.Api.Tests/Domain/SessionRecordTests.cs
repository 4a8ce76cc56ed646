using Supervision.Api.Domain;
using Xunit;

namespace Supervision.Api.Tests.Domain;

public sealed class SessionRecordTests
{
    [Fact]
    public void A_retracted_session_no_longer_counts_but_is_still_seen_as_known_before_the_retraction()
    {
        var recorded = DateTimeOffset.UnixEpoch;
        SessionRecord[] log =
        [
            new() { Sequence = 1, Authority = "841", SessionId = "s1", SuperviseeStaffId = "sw-1", Date = new DateOnly(2025, 3, 3), Minutes = 90, Kind = SessionKind.Individual, RecordedAt = recorded },
            new() { Sequence = 2, Authority = "841", SessionId = "s2", SuperviseeStaffId = "sw-1", Date = new DateOnly(2025, 4, 1), Minutes = 90, Kind = SessionKind.Individual, RecordedAt = recorded },
            new() { Sequence = 3, Authority = "841", SessionId = "s2", SourceVersion = 1, SuperviseeStaffId = "sw-1", Date = new DateOnly(2025, 4, 2), Minutes = 60, Kind = SessionKind.Individual, RecordedAt = recorded.AddMinutes(1) },
            new() { Sequence = 4, Authority = "841", SessionId = "fix-1", RetractsSessionId = "s1", RecordedAt = recorded.AddMinutes(2) },
        ];

        Assert.Equal([("s2", new DateOnly(2025, 4, 2))], SessionRecord.Effective(log).Select(s => (s.SessionId, s.Date)));
        Assert.Equal(["s1", "s2"], SessionRecord.Effective(log, knownAt: recorded.AddMinutes(1)).Select(s => s.SessionId).Order());
    }

    [Fact]
    public void Cached_sessions_hold_one_instance_of_each_equal_id_and_keep_their_values()
    {
        // Built from parts, as a database reader would: equal values, distinct instances.
        static string Fresh(string value) => new([.. value]);
        var sessions = Enumerable.Range(1, 3).Select(i => new SessionRecord
        {
            Authority = Fresh("841"), SessionId = $"s{i}", SuperviseeStaffId = Fresh(i < 3 ? "sw-1" : "sw-2"), SupervisorStaffId = Fresh("sw-9"), ActionsJson = Fresh("[]"),
        }).ToList();

        SessionRecord.ShareStrings(sessions);

        Assert.Same(sessions[0].Authority, sessions[2].Authority);
        Assert.Same(sessions[0].SuperviseeStaffId, sessions[1].SuperviseeStaffId);
        Assert.Same(sessions[0].SupervisorStaffId, sessions[2].SupervisorStaffId);
        Assert.Same(sessions[0].ActionsJson, sessions[1].ActionsJson);
        Assert.Equal(["sw-1", "sw-1", "sw-2"], sessions.Select(s => s.SuperviseeStaffId));
        Assert.Equal(("841", "sw-9", "[]"), (sessions[2].Authority, sessions[2].SupervisorStaffId, sessions[2].ActionsJson));
    }

    [Fact]
    public void Actions_are_parsed_once_and_follow_a_new_json_value()
    {
        var session = new SessionRecord { Authority = "841", SessionId = "s1", Actions = [new SessionAction("sw-2", new DateOnly(2025, 5, 1), null)] };
        var first = session.Actions;

        Assert.Same(first, session.Actions);
        Assert.True(Assert.Single(first).IsComplete);

        session.ActionsJson = "[{\"ownerStaffId\":null,\"dueDate\":null,\"caseId\":\"c-1\"}]";

        Assert.False(Assert.Single(session.Actions).IsComplete);
        Assert.Equal("c-1", session.Actions[0].CaseId);
    }
}
