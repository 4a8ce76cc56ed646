using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// A council's HR history pushed over gRPC — late, twice, corrected — and read back over gRPC: every case below
/// changes a figure if it is handled wrongly. Expected figures are worked by hand in the comments.
/// </summary>
public sealed class RegisterOverGrpcTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Authority = "841";
    private static readonly Google.Type.Date Sept30_2025 = Requests.Day(2025, 9, 30);

    private Suite Suite => fixture.Suite;

    private static Metadata Writer => Suite.Bearer(TestTokens.HrWriter(Authority));

    private static Metadata Analyst => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority]));

    [Fact]
    public async Task The_register_reproduces_hand_worked_dfe_figures_and_known_at_reproduces_what_was_reported()
    {
        var client = Suite.StaffRegister();
        var first = await client.RecordStaffChangesAsync(Requests.Batch(Authority,
            Post("e1", "north", 1.0, from: (2020, 1, 1), changeId: "e1-start"),
            Post("e2", "north", 0.5, from: (2020, 1, 1), changeId: "e2-start", sourceVersion: 1),
            Post("L1", "north", 1.0, from: (2019, 5, 1)), Leaver("L1", (2025, 9, 30)),
            Post("L2", "south", 0.8, from: (2018, 1, 1)), Leaver("L2", (2024, 9, 30)),
            Post("mover", "north", 1.0, from: (2021, 1, 1)), Post("mover", "south", 1.0, from: (2025, 3, 1)),
            Post("switch", "south", 0.6, from: (2019, 1, 1)), Post("switch", "south", 1.0, from: (2025, 6, 1), agency: CoverReason.Vacancy),
            Post("reinstated", "south", 1.0, from: (2020, 1, 1)), Leaver("reinstated", (2025, 2, 28)), Reinstatement("reinstated", (2025, 2, 28)),
            Post("retracted", "south", 0.7, from: (2020, 1, 1)), Leaver("retracted", (2025, 5, 31), changeId: "retracted-leaver"),
            Post("future", "north", 1.0, from: (2025, 11, 3)),
            Post("tp-a", "north", 0.5, from: (2020, 1, 1), person: "person-P", role: 4),
            Post("tp-b", "south", 0.5, from: (2020, 1, 1), person: "person-P", role: 5),
            Post("unregistered", "north", 1.0, from: (2020, 1, 1), registered: false),
            Post("agency1", "north", 1.0, from: (2025, 1, 1), agency: CoverReason.AbsenceCover),
            Absence("e2", (2025, 1, 6), AbsenceReason.Maternity),
            Establishment("north", 3.0), Establishment("south", 5.0)), Writer);
        Assert.All(first.Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));

        var second = await client.RecordStaffChangesAsync(Requests.Batch(Authority,
            Post("e1", "north", 1.0, from: (2020, 1, 1), changeId: "e1-start"),
            Post("e2", "north", 0.6, from: (2020, 1, 1), changeId: "e2-start", sourceVersion: 2),
            Correction("retracted-leaver")), Writer);
        Assert.Equal([ChangeStatus.Duplicate, ChangeStatus.Superseded, ChangeStatus.Applied], second.Results.Select(r => r.Status));

        // Employed in post at 30 Sept 2025: e1 1.0, e2 0.6 (superseded), L1 1.0 (last day that day), mover 1.0,
        // reinstated 1.0, retracted 0.7, tp-a 0.5, tp-b 0.5 = 6.3. Agency: switch 1.0 (vacancy), agency1 1.0 = 2.0.
        var agency = await client.GetAgencyRateAsync(Figures(), Analyst);
        Assert.Equal(6.3, agency.EmployedFte, 9);
        Assert.Equal(2.0, agency.AgencyFte, 9);
        Assert.Equal(100 * 2.0 / 8.3, agency.RateByFtePercent, 9);
        // Headcount: person-P once (under tp-a, the more senior post): 7 employed, 2 agency.
        Assert.Equal((2, 7), (agency.AgencyHeadcount, agency.EmployedHeadcount));
        Assert.Equal(50.0, agency.CoverRatePercent, 9);

        // Leavers with a last day in [30 Sept 2024, 29 Sept 2025]: L2 0.8 and switch's direct employment 0.6 = 1.4.
        // Vacancy: north 3.0 - 3.1 -> 0 (floored), south 5.0 - 3.2 = 1.8.
        var stability = await client.GetWorkforceStabilityAsync(Figures(), Analyst);
        Assert.Equal(1.4, stability.LeaversFte, 9);
        Assert.Equal(100 * 1.4 / 6.3, stability.TurnoverRatePercent, 9);
        Assert.Equal(1.8, stability.VacancyFte, 9);
        Assert.Equal(100 * 1.8 / 8.1, stability.VacancyRatePercent, 9);
        // Starters in the year: agency1 (1 Jan 2025) and switch's agency work (1 June 2025); not the future starter.
        Assert.Equal(2.0, stability.StartersFte, 9);
        Assert.Equal(second.RecordedAt, stability.Freshness.LatestChangeRecordedAt);

        // Month end is reported; then a leaver is recorded late, backdated to 15 August.
        var reportedAt = second.RecordedAt;
        await client.RecordStaffChangesAsync(Requests.Batch(Authority, Leaver("e1", (2025, 8, 15))), Writer);

        var restated = await client.GetWorkforceStabilityAsync(Figures(), Analyst);
        var asReported = await client.GetWorkforceStabilityAsync(Figures(knownAt: reportedAt), Analyst);
        Assert.Equal((2.4, 5.3), (Math.Round(restated.LeaversFte, 9), Math.Round(restated.EmployedFte, 9)));
        Assert.Equal((1.4, 6.3), (Math.Round(asReported.LeaversFte, 9), Math.Round(asReported.EmployedFte, 9)));
        Assert.Equal(reportedAt, asReported.Freshness.LatestChangeRecordedAt);

        // The consuming services' read models agree with the register on sample dates.
        string[] sample = ["e1", "e2", "L1", "L2", "mover", "switch", "reinstated", "retracted", "future", "tp-b"];
        foreach (var staffId in sample)
        {
            await Suite.WaitForReadModelsAsync(Authority, staffId);
            foreach (var day in new[] { new DateOnly(2024, 6, 30), new DateOnly(2025, 3, 31), new DateOnly(2025, 9, 30), new DateOnly(2025, 12, 31) })
            {
                var member = await client.GetStaffMemberAsync(
                    new GetStaffMemberRequest { Authority = Authority, StaffId = staffId, AsOf = Requests.Day(day.Year, day.Month, day.Day) }, Analyst);
                long? expectedFte = member.InPost ? (long)Math.Round(member.Assignment.Fte * 1_000_000) : null;
                long? expectedRole = member.InPost ? member.Assignment.CensusRole : null;
                Assert.Equal(expectedFte, await Suite.CaseloadFteOnAsync(Authority, staffId, day));
                Assert.Equal(expectedRole, await Suite.SupervisionRoleOnAsync(Authority, staffId, day));
            }
        }

        // The long-term absence rule is applied once, in the workforce service, and carried to the consumers.
        Assert.Equal(new DateOnly(2025, 1, 6), await Suite.CaseloadLongTermFromAsync(Authority, "e2", new DateOnly(2025, 1, 6)));
    }

    [Fact]
    public async Task A_leaver_that_arrives_before_its_post_is_unmatched_then_counts_once_the_post_arrives()
    {
        const string council = "840";
        var writer = Suite.Bearer(TestTokens.HrWriter(council));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [council]));
        var client = Suite.StaffRegister();

        var early = await client.RecordStaffChangesAsync(Requests.Batch(council, Leaver("late-post", (2025, 6, 30))), writer);
        await client.RecordStaffChangesAsync(Requests.Batch(council, Post("late-post", "east", 0.9, from: (2022, 1, 1))), writer);

        Assert.Equal(ChangeStatus.Unmatched, Assert.Single(early.Results).Status);
        var stability = await client.GetWorkforceStabilityAsync(new FigureRequest { Authority = council, AsOf = Sept30_2025 }, analyst);
        Assert.Equal(0.9, stability.LeaversFte, 9);
    }

    [Fact]
    public async Task Queries_need_the_analyst_role_and_the_callers_authority()
    {
        var client = Suite.StaffRegister();

        var writerOnly = await Assert.ThrowsAsync<RpcException>(() => client.GetAgencyRateAsync(Figures(), Writer).ResponseAsync);
        var otherCouncil = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetAgencyRateAsync(Figures(), Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["840"]))).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, writerOnly.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherCouncil.StatusCode);
    }

    private static FigureRequest Figures(Google.Protobuf.WellKnownTypes.Timestamp? knownAt = null) =>
        new() { Authority = Authority, AsOf = Sept30_2025, KnownAt = knownAt };

    private static StaffChange Post(
        string staffId, string team, double fte, (int Y, int M, int D) from,
        string? changeId = null, long sourceVersion = 0, string? person = null, int role = 5, bool registered = true, CoverReason? agency = null)
    {
        var change = Requests.Assignment(staffId, fte, Requests.Day(from.Y, from.M, from.D), changeId);
        change.SourceVersion = sourceVersion;
        change.PersonId = person ?? "";
        change.Assignment.Team = team;
        change.Assignment.CensusRole = role;
        change.Assignment.Registered = registered;
        if (agency is { } cover)
        {
            change.Assignment.Contract = ContractType.Agency;
            change.Assignment.CoverReason = cover;
        }

        return change;
    }

    private static StaffChange Leaver(string staffId, (int Y, int M, int D) lastDay, string? changeId = null) => new()
    {
        ChangeId = changeId ?? "chg-" + Guid.NewGuid().ToString("N"),
        StaffId = staffId,
        EffectiveDate = Requests.Day(lastDay.Y, lastDay.M, lastDay.D),
        Leaver = new Leaver { Reason = "resigned" },
    };

    private static StaffChange Absence(string staffId, (int Y, int M, int D) firstDay, AbsenceReason reason) => new()
    {
        ChangeId = "chg-" + Guid.NewGuid().ToString("N"),
        StaffId = staffId,
        EffectiveDate = Requests.Day(firstDay.Y, firstDay.M, firstDay.D),
        Absence = new Absence { Reason = reason, WorkingDaysLost = 0 },
    };

    private static StaffChange Reinstatement(string staffId, (int Y, int M, int D) day) => new()
    {
        ChangeId = "chg-" + Guid.NewGuid().ToString("N"),
        StaffId = staffId,
        EffectiveDate = Requests.Day(day.Y, day.M, day.D),
        Reinstatement = new Reinstatement(),
    };

    private static StaffChange Correction(string retracts) => new()
    {
        ChangeId = "chg-" + Guid.NewGuid().ToString("N"),
        StaffId = "",
        EffectiveDate = Requests.Day(2025, 10, 1),
        Correction = new Correction { RetractsChangeId = retracts },
    };

    private static StaffChange Establishment(string team, double funded) => new()
    {
        ChangeId = "chg-" + Guid.NewGuid().ToString("N"),
        EffectiveDate = Requests.Day(2024, 1, 1),
        Establishment = new Establishment { Team = team, FundedFte = funded },
    };
}
