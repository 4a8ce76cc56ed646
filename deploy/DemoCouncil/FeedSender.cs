using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Workforce.DemoCouncil;

/// <summary>Pushes a feed batch by batch, in the order it was recorded: HR changes to the workforce service, allocations to the caseload service, sessions to the supervision service.</summary>
internal static class FeedSender
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <returns>The process exit code: 0 when every batch was recorded, 1 when one failed (later ones are not sent).</returns>
    public static async Task<int> SendAsync(HrFeed feed, Uri workforce, string token)
    {
        using var channel = GrpcChannel.ForAddress(workforce);
        var client = new V1.StaffRegister.StaffRegisterClient(channel);
        return await SendAsync(
            new Service("workforce", workforce, "hr-writer", feed.Authority, "batch"),
            feed.Batches.Select(b => (b.SentOn, b.Changes.Count)).ToList(),
            async (i, headers, deadline) => (await client.RecordStaffChangesAsync(
                new V1.RecordStaffChangesRequest { Authority = feed.Authority, Changes = { feed.Batches[i].Changes } }, headers, deadline)).Results.Select(r => r.Status),
            token);
    }

    public static async Task<int> SendAsync(AllocationFeed feed, Uri caseload, string token)
    {
        using var channel = GrpcChannel.ForAddress(caseload);
        var client = new Caseload.V1.CaseAllocations.CaseAllocationsClient(channel);
        return await SendAsync(
            new Service("caseload", caseload, "case-writer", feed.Authority, "allocation batch"),
            feed.Batches.Select(b => (b.SentOn, b.Changes.Count)).ToList(),
            async (i, headers, deadline) => (await client.RecordAllocationChangesAsync(
                new Caseload.V1.RecordAllocationChangesRequest { Authority = feed.Authority, Changes = { feed.Batches[i].Changes } }, headers, deadline)).Results.Select(r => r.Status),
            token);
    }

    public static async Task<int> SendAsync(SupervisionFeed feed, Uri supervision, string token)
    {
        using var channel = GrpcChannel.ForAddress(supervision);
        var client = new Supervision.V1.SupervisionRecords.SupervisionRecordsClient(channel);
        return await SendAsync(
            new Service("supervision", supervision, "supervision-writer", feed.Authority, "session batch"),
            feed.Batches.Select(b => (b.SentOn, b.Sessions.Count)).ToList(),
            async (i, headers, deadline) => (await client.RecordSessionsAsync(
                new Supervision.V1.RecordSessionsRequest { Authority = feed.Authority, Sessions = { feed.Batches[i].Sessions } }, headers, deadline)).Results.Select(r => r.Status),
            token);
    }

    private static async Task<int> SendAsync<TStatus>(
        Service service,
        IReadOnlyList<(DateOnly SentOn, int Changes)> batches,
        Func<int, Metadata, DateTime, Task<IEnumerable<TStatus>>> record,
        string token)
        where TStatus : struct, Enum
    {
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var statuses = new SortedDictionary<TStatus, int>();
        for (var i = 0; i < batches.Count; i++)
        {
            var label = $"{service.Batch} {i + 1}/{batches.Count} sent on {batches[i].SentOn:yyyy-MM-dd} ({batches[i].Changes} changes)";
            List<TStatus> results;
            try
            {
                results = [.. await record(i, headers, DateTime.UtcNow.Add(CallTimeout))];
            }
            catch (RpcException e)
            {
                Console.Error.WriteLine($"{label} failed: {e.StatusCode}: {e.Status.Detail}");
                foreach (var violation in e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
                {
                    Console.Error.WriteLine($"  {violation.Field}: {violation.Description}");
                }

                var hint = e.StatusCode switch
                {
                    StatusCode.Unauthenticated => $"The token was refused: make one with deploy/dev-token.sh --role {service.Role}.",
                    StatusCode.PermissionDenied => $"The token needs the role {service.Role} and the authority {service.Authority}.",
                    StatusCode.Unavailable => $"Is the {service.Name} service listening on {service.Address}?",
                    _ => null,
                };
                if (hint is not null)
                {
                    Console.Error.WriteLine(hint);
                }

                Console.Error.WriteLine(i == 0
                    ? "Nothing was recorded."
                        : $"Batches 1-{i} were recorded; running again resends them as duplicates and carries on.");
                return 1;
            }

            var counts = results.GroupBy(r => r).OrderBy(g => g.Key).Select(g => (g.Key, Count: g.Count())).ToList();
            foreach (var (status, count) in counts)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }

            Console.WriteLine($"{label}: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Count}"))}");
        }

        Console.WriteLine($"Recorded {batches.Count} {service.Batch}es: {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}");
        return 0;
    }

    /// <summary>Where a feed goes, the role its token needs, and what a batch is called in messages.</summary>
    private sealed record Service(string Name, Uri Address, string Role, string Authority, string Batch);
}
