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
