using Supervision.Api.Domain;
using Xunit;

namespace Supervision.Api.Tests.Domain;

/// <summary>Which supervisees and sessions retention removes, with a cutoff of 24 November 2021.</summary>
public sealed class ExpiredSuperviseesTests
{
    private static readonly DateOnly Cutoff = new(2021, 11, 24);

    [Fact]
    public void A_leaver_goes_with_the_sessions_they_were_supervised_in_and_their_retractions_but_not_those_they_led()
    {
        SessionRecord[] log =
        [
            Session(1, "s-gone", "tm-1", new DateOnly(2020, 1, 10)),
            Session(2, "s-gone", "tm-1", new DateOnly(2020, 2, 10)),
            Session(3, "s-in", "s-gone", new DateOnly(2020, 2, 11)),
            new() { Sequence = 4, Authority = "841", SessionId = "retract-2", RetractsSessionId = "session-2", RecordedAt = DateTimeOffset.UnixEpoch },
            Session(5, "s-on-cutoff", "tm-1", new DateOnly(2020, 2, 12)),
            Session(6, "s-late", "tm-1", Cutoff),
        ];
        SupervisedStaff[] staff =
        [
            Staff("s-gone", new DateOnly(2020, 7, 1)), Staff("s-in", null), Staff("s-on-cutoff", Cutoff.AddDays(1)),
            Staff("s-late", new DateOnly(2020, 7, 1)), Staff("s-never-supervised", Cutoff),
        ];

        var (expired, sessions) = ExpiredSupervisees.Find(log, staff, Cutoff);

        Assert.Equal(["s-gone", "s-never-supervised"], expired.Order(StringComparer.Ordinal));
        Assert.Equal([1L, 2L, 4L], sessions.Select(s => s.Sequence));
    }

    private static SessionRecord Session(long sequence, string supervisee, string supervisor, DateOnly date) => new()
    {
        Sequence = sequence,
        Authority = "841",
        SessionId = $"session-{sequence}",
        SuperviseeStaffId = supervisee,
        SupervisorStaffId = supervisor,
        Date = date,
        Minutes = 90,
        Kind = SessionKind.Individual,
        RecordedAt = DateTimeOffset.UnixEpoch,
    };

    private static SupervisedStaff Staff(string staffId, DateOnly? to) => new()
    {
        Authority = "841",
        StaffId = staffId,
        Version = 1,
        Periods = [new SupervisionPeriod { From = new DateOnly(2019, 1, 1), To = to, Team = "north", CensusRole = 5, Registered = true }],
    };
}
