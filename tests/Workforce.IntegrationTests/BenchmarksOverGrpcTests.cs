using Benchmarks.V1;
using Caseload.V1;
using Google.Rpc;
using Grpc.Core;
using Workforce.Benchmarks;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;
using BenchmarksApi = Benchmarks.V1.Benchmarks;

namespace Workforce.IntegrationTests;

/// <summary>
/// A small synthetic council benchmarked over the wire: each service's live figure is the one its own figure RPC gives,
/// and the published comparators are the bundled files' (checked by hand in Workforce.Benchmarks.Tests).
/// </summary>
public sealed class BenchmarksOverGrpcTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>, IAsyncLifetime
{
    // Redcar and Cleveland's code; the council and every id below are synthetic.
    private const string Authority = "807";

    private static readonly Google.Type.Date ReferenceDate = Requests.Day(2025, 9, 30);

    private Suite Suite => fixture.Suite;

    private Metadata Analyst => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority, "999"]));

    /// <summary>
    /// Four directly employed workers (1.0 FTE) and an agency worker (0.5) in a team funded for 6 FTE, and a fifth
    /// employed worker who left on 31 March 2025: agency 0.5 / 4.5 = 11.1%, turnover 1 / 4 = 25%, vacancy 2 / 6 = 33.3%.
    /// Nine cases over the five in post: 9 / 4.5 = 2.0 a case-holding FTE.
    /// </summary>
    public async Task InitializeAsync()
    {
        var staff = Requests.Batch(Authority, [.. Enumerable.Range(0, 5).Select(i => Requests.CaseHoldingWorker(Authority, i, 1.0))]);
        var agency = Requests.Assignment(staffId: $"sw-{Authority}-0005", fte: 0.5, from: Requests.Day(2025, 1, 6), changeId: $"{Authority}-start-5");
        agency.Assignment.Contract = ContractType.Agency;
        agency.Assignment.CoverReason = CoverReason.Vacancy;
        staff.Changes.Add(agency);
        staff.Changes.Add(new StaffChange { ChangeId = $"{Authority}-leaver-4", StaffId = $"sw-{Authority}-0004", EffectiveDate = Requests.Day(2025, 3, 31), Leaver = new Leaver { Reason = "resigned" } });
        staff.Changes.Add(new StaffChange { ChangeId = $"{Authority}-funded", EffectiveDate = Requests.Day(2020, 1, 1), Establishment = new Establishment { Team = "assessment-1", FundedFte = 6 } });
        await Suite.StaffRegister().RecordStaffChangesAsync(staff, Suite.Bearer(TestTokens.HrWriter(Authority)));

        var cases = new RecordAllocationChangesRequest { Authority = Authority };
        cases.Changes.AddRange(Enumerable.Range(0, 9).Select(i => Requests.OpenCase(Authority, i, $"sw-{Authority}-{new[] { 0, 1, 2, 3, 5 }[i % 5]:0000}", Requests.Day(2025, 4, 1))));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(cases, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [Authority])));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(Measure.AgencyRate, 100.0 * 0.5 / 4.5)]
    [InlineData(Measure.TurnoverRate, 25.0)]
    [InlineData(Measure.VacancyRate, 100.0 * 2 / 6)]
    public async Task The_workforce_service_puts_its_live_rate_beside_the_published_comparators(Measure measure, double handWorked)
    {
        var reply = await Benchmarks(Suite.Workforce).GetBenchmarkAsync(new BenchmarkRequest { Authority = Authority, Measure = measure }, Analyst);

        var figures = new FigureRequest { Authority = Authority, AsOf = ReferenceDate };
        var stability = await Suite.StaffRegister().GetWorkforceStabilityAsync(figures, Analyst);
        var own = measure switch
        {
            Measure.AgencyRate => (await Suite.StaffRegister().GetAgencyRateAsync(figures, Analyst)).RateByFtePercent,
            Measure.TurnoverRate => stability.TurnoverRatePercent,
            _ => stability.VacancyRatePercent,
        };
        Assert.Equal(own, reply.Live.Value);
        Assert.Equal(handWorked, reply.Live.Value, 9);
        Assert.Equal(ReferenceDate, reply.Live.AsOf);
        Assert.StartsWith("workforce.v1.StaffRegister/", reply.Live.Source, StringComparison.Ordinal);
        Assert.NotNull(reply.Live.LatestChangeRecordedAt);
        AssertPublished(PublishedBenchmarks.Bundled.Compare(Authority, ToLibrary(measure)), reply);
    }

    [Fact]
    public async Task The_caseload_service_puts_its_live_average_caseload_beside_the_published_comparators()
    {
        var progress = new TargetProgressRequest { Authority = Authority, AsOf = ReferenceDate };
        await Eventually.True(async () => (await Suite.CaseAllocations().GetTargetProgressAsync(progress, Analyst)).Unadjusted.AverageCaseload == 2.0,
            TimeSpan.FromSeconds(60), "the caseload service to learn the five workers in post");

        var reply = await Benchmarks(Suite.Caseload).GetBenchmarkAsync(new BenchmarkRequest { Authority = Authority, Measure = Measure.Caseload, Release = 2024, Year = 2024, AsOf = ReferenceDate }, Analyst);

        Assert.Equal((await Suite.CaseAllocations().GetTargetProgressAsync(progress, Analyst)).Unadjusted.AverageCaseload, reply.Live.Value);
        Assert.Equal(2.0, reply.Live.Value);
        Assert.Equal(ReferenceDate, reply.Live.AsOf);
        Assert.Equal(1, reply.Live.Rank);
        Assert.Equal(Requests.Day(2024, 9, 30), reply.ReferenceDate);
        AssertPublished(PublishedBenchmarks.Bundled.Compare(Authority, BenchmarkMeasure.Caseload, release: 2024, year: 2024), reply);
    }

    [Fact]
    public async Task A_request_the_files_or_the_service_cannot_answer_names_every_bad_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Benchmarks(Suite.Workforce).GetBenchmarkAsync(
            new BenchmarkRequest { Authority = "999", Measure = Measure.Caseload, Year = 2016, AsOf = Requests.Day(2025, 13, 1) }, Analyst).ResponseAsync);
        var measureHere = await Assert.ThrowsAsync<RpcException>(() => Benchmarks(Suite.Caseload).GetBenchmarkAsync(
            new BenchmarkRequest { Authority = Authority, Measure = Measure.AgencyRate, Release = 2022 }, Analyst).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["authority", "year", "measure", "as_of"], Violations(error).Select(v => v.Field));
        Assert.Contains("caseload service", Violations(error)[2].Description, StringComparison.Ordinal);
        Assert.Equal(["release", "measure"], Violations(measureHere).Select(v => v.Field));
        Assert.Contains("workforce service", Violations(measureHere)[1].Description, StringComparison.Ordinal);
    }

    private static void AssertPublished(Benchmark expected, BenchmarkReply reply)
    {
        Assert.Equal(expected.Year, reply.Year);
        Assert.Equal(expected.Release.Year, reply.Release.Year);
        Assert.Equal(expected.Description, reply.Release.Description);
        Assert.Contains("Open Government Licence v3.0", reply.Release.Licence, StringComparison.Ordinal);
        Assert.Equal((double?)expected.Council.Value, reply.Council.Value);
        Assert.Equal((double?)expected.Region.Value, reply.Region.Value);
        Assert.Equal(expected.Region.Name, reply.Region.Name);
        Assert.Equal((double?)expected.England.Value, reply.England.Value);
        Assert.Equal(expected.Neighbours.Select(n => (n.Neighbour.Code, (double?)n.Figure.Value, n.Counted)), reply.Neighbours.Select(n => (n.Code, n.Figure.HasValue ? n.Figure.Value : (double?)null, n.Counted)));
        Assert.Equal((double?)expected.NeighbourMean, reply.NeighbourMean);
        Assert.Equal((double?)expected.NeighbourMedian, reply.NeighbourMedian);
        Assert.Equal(expected.Rank, reply.Rank);
        Assert.Equal(expected.Ranked, reply.Ranked);
    }

    private static BenchmarkMeasure ToLibrary(Measure measure) => measure switch
    {
        Measure.AgencyRate => BenchmarkMeasure.AgencyRate,
        Measure.TurnoverRate => BenchmarkMeasure.TurnoverRate,
        _ => BenchmarkMeasure.VacancyRate,
    };

    private static IReadOnlyList<BadRequest.Types.FieldViolation> Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;

    private static BenchmarksApi.BenchmarksClient Benchmarks(ServiceProcess service) => new(service.CreateChannel());
}
