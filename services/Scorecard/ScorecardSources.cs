using Caseload.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Scorecard.Api.Domain;
using Supervision.V1;
using Workforce.ServiceDefaults.Transport;
using Workforce.V1;
using static Scorecard.Api.Domain.ScorecardBuilder;

namespace Scorecard.Api;

/// <summary>Asks the three services for one council's month with the caller's own token, all calls at once.</summary>
public sealed class ScorecardSources(ScorecardOptions options) : IDisposable
{
    private const ulong ForecastSeed = 1;

    private readonly GrpcChannel _workforce = GrpcClients.Channel(options.WorkforceUrl);
    private readonly GrpcChannel _caseload = GrpcClients.Channel(options.CaseloadUrl);
    private readonly GrpcChannel _supervision = GrpcClients.Channel(options.SupervisionUrl);

    public async Task<ScorecardReplies> FetchAsync(string authority, DateOnly asOf, string bearerToken, CancellationToken cancel)
    {
        var headers = new Metadata { { "authorization", $"Bearer {bearerToken}" } };
        var call = new CallOptions(headers, cancellationToken: cancel);
        var (from, to) = (ToProto(new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - options.TrendMonths)), ToProto(asOf));
        var register = new StaffRegister.StaffRegisterClient(_workforce);
        var allocations = new CaseAllocations.CaseAllocationsClient(_caseload);
        var supervision = new SupervisionRecords.SupervisionRecordsClient(_supervision);

        var settings = register.GetCouncilSettingsAsync(new GetCouncilSettingsRequest { Authority = authority, AsOf = to }, call).ResponseAsync;
        var agency = register.GetAgencyRateSeriesAsync(new SeriesRequest { Authority = authority, From = from, To = to }, call).ResponseAsync;
        var progress = allocations.GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = to }, call).ResponseAsync;
        var progressSeries = allocations.GetTargetProgressSeriesAsync(new TargetProgressSeriesRequest { Authority = authority, From = from, To = to }, call).ResponseAsync;
        var reallocation = allocations.GetCasesNeedingReallocationAsync(new CaseQuery { Authority = authority, AsOf = to, Limit = options.ListRows }, call).ResponseAsync;
        var forecast = ForecastAsync(allocations, authority, to, call);
        var regularity = supervision.GetRegularitySeriesAsync(new RegularitySeriesRequest { Authority = authority, From = from, To = to }, call).ResponseAsync;
        var overdue = supervision.ListOverdueAsync(new RegularityRequest { Authority = authority, AsOf = to, Limit = options.ListRows }, call).ResponseAsync;

        await Task.WhenAll(settings, agency, progress, progressSeries, reallocation, forecast, regularity, overdue);
        var (forecastReply, forecastNote) = await forecast;
        return new ScorecardReplies(authority, asOf, options.AgencyRateTargetPercent, await settings, await agency, await progress,
            await progressSeries, await regularity, forecastReply, forecastNote, await overdue, await reallocation);
    }

    // A council with no caseload history yet has no forecast; the rest of the scorecard still stands.
    private async Task<(CaseloadForecastReply?, string?)> ForecastAsync(CaseAllocations.CaseAllocationsClient client, string authority, Google.Type.Date start, CallOptions call)
    {
        try
        {
            var reply = await client.GetCaseloadForecastAsync(new CaseloadForecastRequest
            {
                Authority = authority,
                Start = start,
                HorizonMonths = options.ForecastHorizonMonths,
                SamplePaths = options.ForecastSamplePaths,
                Seed = ForecastSeed,
            }, call);
            return (reply, null);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return (null, $"No forecast: {e.Status.Detail}");
        }
    }

    public void Dispose()
    {
        _workforce.Dispose();
        _caseload.Dispose();
        _supervision.Dispose();
    }
}
