using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>ReconcileStaff over gRPC against the real service: planted differences found, closed by applying, and nothing twice.</summary>
public sealed class ReconcileOverGrpcTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Authority = "876";

    private Suite Suite => fixture.Suite;

    private static Metadata Analyst => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority]));

    private static Metadata AnalystAndWriter => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst, WorkforceRoles.HrWriter], [Authority]));

    [Fact]
    public async Task Planted_differences_are_found_applying_closes_them_and_a_retry_records_nothing_twice()
    {
        // The register: r-same agrees with HR; r-fte, r-agency and r-team differ in one field each; r-extra has left HR.
        var same = Requests.Assignment(staffId: "r-same", from: Requests.Day(2024, 1, 1));
        var fte = Requests.Assignment(staffId: "r-fte", from: Requests.Day(2024, 1, 1));
        var agency = Requests.Assignment(staffId: "r-agency", from: Requests.Day(2024, 1, 1));
        var team = Requests.Assignment(staffId: "r-team", from: Requests.Day(2024, 1, 1));
        var extra = Requests.Assignment(staffId: "r-extra", from: Requests.Day(2024, 1, 1));
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, same, fte, agency, team, extra), Suite.Bearer(TestTokens.HrWriter(Authority)));

        var request = new ReconcileStaffRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 30) };
        request.Posts.Add(Post("r-same", same.Assignment));
        request.Posts.Add(Post("r-fte", fte.Assignment, a => a.Fte = 0.8));
        request.Posts.Add(Post("r-agency", agency.Assignment, a => (a.Contract, a.CoverReason) = (ContractType.Agency, CoverReason.Vacancy)));
        request.Posts.Add(Post("r-team", team.Assignment, a => a.Team = "assessment-2"));
        request.Posts.Add(Post("r-missing", same.Assignment));

        var found = await Suite.StaffRegister().ReconcileStaffAsync(request, Analyst);

        Assert.Equal((5, 5), (found.HrPosts, found.RegisterPosts));
        Assert.Equal(
            [
                ("r-agency", DifferenceKind.FieldsDiffer, "assignment.contract=CONTRACT_TYPE_AGENCY/CONTRACT_TYPE_EMPLOYED; assignment.cover_reason=COVER_REASON_VACANCY/COVER_REASON_UNSPECIFIED"),
                ("r-extra", DifferenceKind.ExtraInRegister, ""),
                ("r-fte", DifferenceKind.FieldsDiffer, "assignment.fte=0.8/1"),
                ("r-missing", DifferenceKind.MissingFromRegister, ""),
                ("r-team", DifferenceKind.FieldsDiffer, "assignment.team=assessment-2/assessment-1"),
            ],
            found.Differences.Select(d => (d.StaffId, d.Kind, string.Join("; ", d.Fields.Select(f => $"{f.Field}={f.HrValue}/{f.RegisterValue}")))));
        Assert.Empty(found.Applied);
        Assert.Equal(0, await Suite.WorkforceChangeCountAsync(Authority, "r-missing"));

        // Applied twice at once, as a client retrying a call it thinks was lost: whichever commits second finds its ids held.
        request.Apply = true;
        var attempts = await Task.WhenAll(
            Suite.StaffRegister().ReconcileStaffAsync(request, AnalystAndWriter).ResponseAsync,
            Suite.StaffRegister().ReconcileStaffAsync(request, AnalystAndWriter).ResponseAsync);
        var again = await Suite.StaffRegister().ReconcileStaffAsync(request, AnalystAndWriter);

        var statuses = attempts.SelectMany(a => a.Applied).GroupBy(r => r.ChangeId).ToDictionary(g => g.Key, g => g.Select(r => r.Status).Order().ToList());
        Assert.Equal(5, statuses.Count);
        Assert.All(statuses.Values, s => Assert.True(s.SequenceEqual([ChangeStatus.Applied]) || s.SequenceEqual([ChangeStatus.Applied, ChangeStatus.Duplicate]), string.Join(",", s)));
        Assert.Empty(again.Differences);
        Assert.Empty(again.Applied);
        Assert.Equal(5 + 5, await Suite.CountAsync("workforce", $"SELECT COUNT(*) FROM staff_changes WHERE \"Authority\" = '{Authority}'"));

        var extraNow = await Suite.StaffRegister().GetStaffMemberAsync(new GetStaffMemberRequest { Authority = Authority, StaffId = "r-extra", AsOf = Requests.Day(2025, 9, 30) }, Analyst);
        Assert.Equal((false, Requests.Day(2025, 9, 29)), (extraNow.InPost, extraNow.LastDays.Single()));
        await Suite.WaitForReadModelsAsync(Authority, "r-fte");
        Assert.Equal(800_000, await Suite.CaseloadFteOnAsync(Authority, "r-fte", new DateOnly(2025, 9, 30)));
        Assert.Equal(1_000_000, await Suite.CaseloadFteOnAsync(Authority, "r-fte", new DateOnly(2025, 9, 29)));
    }

    [Fact]
    public async Task Bad_input_is_INVALID_ARGUMENT_naming_every_field_and_applying_needs_the_writer_role()
    {
        var request = new ReconcileStaffRequest { Authority = Authority, AsOf = new Google.Type.Date { Year = 2025, Month = 2, Day = 30 }, Apply = true };
        request.Posts.Add(new HrPost { StaffId = "r-bad", Assignment = new Assignment { Team = "t", CensusRole = 9, Contract = ContractType.Employed, Fte = 1.5 } });
        request.Posts.Add(new HrPost { StaffId = "r-bad" });
        request.Posts.Add(new HrPost { StaffId = "jo@example.org", Assignment = Requests.Assignment().Assignment });

        var invalid = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().ReconcileStaffAsync(request, AnalystAndWriter).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().ReconcileStaffAsync(new ReconcileStaffRequest { Authority = Authority }, Analyst).ResponseAsync);
        var valid = new ReconcileStaffRequest { Authority = Authority, Apply = true, Posts = { Post("r-only", Requests.Assignment().Assignment) } };
        var analystApplies = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().ReconcileStaffAsync(valid, Analyst).ResponseAsync);
        var writerOnly = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().ReconcileStaffAsync(valid, Suite.Bearer(TestTokens.HrWriter(Authority))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(
            ["as_of", "posts[0].assignment.census_role", "posts[0].assignment.fte", "posts[1].assignment", "posts[1].staff_id", "posts[2].staff_id"],
            Fields(invalid));
        Assert.Equal(["posts"], Fields(empty));
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (analystApplies.StatusCode, writerOnly.StatusCode));
        Assert.Equal(0, await Suite.WorkforceChangeCountAsync(Authority, "r-bad") + await Suite.WorkforceChangeCountAsync(Authority, "r-only"));
    }

    private static HrPost Post(string staffId, Assignment assignment, Action<Assignment>? change = null)
    {
        var copy = assignment.Clone();
        change?.Invoke(copy);
        return new HrPost { StaffId = staffId, Assignment = copy };
    }

    private static List<string> Fields(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
}
