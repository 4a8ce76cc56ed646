using Caseload.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Workforce.Backtest;

/// <summary>A live scope's month-end open cases, read from the caseload service's forecast history.</summary>
internal static class ScopeHistory
{
    public static async Task<IReadOnlyList<double>> ReadAsync(ScopeTarget scope)
    {
        using var channel = GrpcChannel.ForAddress(scope.Caseload);
        var request = new CaseloadForecastRequest { Authority = scope.Authority, Team = scope.Team ?? "", HorizonMonths = 1, SamplePaths = 100 };
        if (scope.Start is { } start)
        {
            request.Start = new Google.Type.Date { Year = start.Year, Month = start.Month, Day = start.Day };
        }

        var reply = await new CaseAllocations.CaseAllocationsClient(channel).GetCaseloadForecastAsync(
            request, new Metadata { { "authorization", $"Bearer {scope.Token}" } });
        return reply.History.Select(h => (double)h.OpenCases).ToList();
    }
}
