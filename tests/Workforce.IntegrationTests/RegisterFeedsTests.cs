using Google.Rpc;
using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>The bulk feed, the paged staff list and the monthly series, over real gRPC.</summary>
public sealed class RegisterFeedsTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    private static Metadata Analyst(string authority) => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));

    [Fact]
    public async Task The_bulk_feed_commits_chunk_by_chunk_and_an_invalid_chunk_stops_it_saying_where_to_resume()
    {
        var client = Suite.StaffRegister();
        var posts = Enumerable.Range(0, 4).Select(_ => Requests.Assignment()).ToArray();
        var invalid = Requests.Assignment();
        invalid.Assignment.Fte = 2;

        using var call = client.StreamStaffChanges(Suite.Bearer(TestTokens.HrWriter("841")));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(Requests.Batch("841", posts[0], posts[1]));
            await call.RequestStream.WriteAsync(Requests.Batch("841", posts[2], posts[1]));
            await call.RequestStream.WriteAsync(Requests.Batch("841", invalid, posts[3]));
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("resume from chunk 2", error.Status.Detail);
        Assert.Equal("chunks[2].changes[0].assignment.fte", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        var counts = await Task.WhenAll(posts.Select(p => Suite.WorkforceChangeCountAsync("841", p.StaffId)));
        Assert.Equal(new long[] { 1, 1, 1, 0 }, counts);

        using var resumed = client.StreamStaffChanges(Suite.Bearer(TestTokens.HrWriter("841")));
        await resumed.RequestStream.WriteAsync(Requests.Batch("841", posts[3], posts[2]));
        await resumed.RequestStream.CompleteAsync();
        var summary = await resumed;

        Assert.Equal((1, 1, 1), (summary.ChunksCommitted, summary.Applied, summary.Duplicate));
    }

    [Fact]
    public async Task The_staff_list_pages_through_posts_in_post_with_filters()
    {
        const string council = "840";
        var client = Suite.StaffRegister();
        var employed = Enumerable.Range(0, 5).Select(i => Requests.Assignment(staffId: $"list-{i:00}")).ToArray();
        var agency = Requests.Assignment(staffId: "list-agency");
        agency.Assignment.Contract = ContractType.Agency;
        var future = Requests.Assignment(staffId: "list-future", from: Requests.Day(2026, 1, 5));
        await client.RecordStaffChangesAsync(Requests.Batch(council, [.. employed, agency, future]), Suite.Bearer(TestTokens.HrWriter(council)));

        var seen = new List<string>();
        var request = new ListStaffRequest { Authority = council, AsOf = Requests.Day(2025, 9, 30), PageSize = 2 };
        ListStaffReply page;
        do
        {
            page = await client.ListStaffAsync(request, Analyst(council));
            Assert.Equal(6, page.TotalSize);
            seen.AddRange(page.Staff.Select(s => s.StaffId));
            request.PageToken = page.NextPageToken;
        }
        while (page.NextPageToken.Length > 0);
        var agencyOnly = await client.ListStaffAsync(
            new ListStaffRequest { Authority = council, AsOf = Requests.Day(2025, 9, 30), Contract = ContractType.Agency }, Analyst(council));

        Assert.Equal(["list-00", "list-01", "list-02", "list-03", "list-04", "list-agency"], seen);
        Assert.Equal("list-agency", Assert.Single(agencyOnly.Staff).StaffId);
    }

    [Fact]
    public async Task The_agency_rate_series_has_one_point_per_month_end()
    {
        const string council = "330";
        var client = Suite.StaffRegister();
        var agency = Requests.Assignment(from: Requests.Day(2025, 2, 15));
        agency.Assignment.Contract = ContractType.Agency;
        await client.RecordStaffChangesAsync(
            Requests.Batch(council, Requests.Assignment(from: Requests.Day(2024, 1, 1)), Requests.Assignment(from: Requests.Day(2024, 1, 1)), Requests.Assignment(from: Requests.Day(2024, 1, 1)), agency),
            Suite.Bearer(TestTokens.HrWriter(council)));

        var series = await client.GetAgencyRateSeriesAsync(
            new SeriesRequest { Authority = council, From = Requests.Day(2025, 1, 1), To = Requests.Day(2025, 3, 31) }, Analyst(council));
        var stability = await client.GetWorkforceStabilitySeriesAsync(
            new SeriesRequest { Authority = council, From = Requests.Day(2025, 1, 10), To = Requests.Day(2025, 2, 10) }, Analyst(council));

        Assert.Equal([Requests.Day(2025, 1, 31), Requests.Day(2025, 2, 28), Requests.Day(2025, 3, 31)], series.Points.Select(p => p.AsOf));
        Assert.Equal([0.0, 25.0, 25.0], series.Points.Select(p => p.RateByFtePercent));
        Assert.Equal([Requests.Day(2025, 1, 31), Requests.Day(2025, 2, 28)], stability.Points.Select(p => p.AsOf));
        Assert.Equal([0.0, 1.0], stability.Points.Select(p => p.StartersFte));
    }
}
