using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Workforce.DemoCouncil;

/// <summary>Pushes a feed to StaffRegister.RecordStaffChanges batch by batch, in the order HR sent it.</summary>
internal static class FeedSender
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <returns>The process exit code: 0 when every batch was recorded, 1 when one failed (later ones are not sent).</returns>
    public static async Task<int> SendAsync(HrFeed feed, Uri workforce, string token)
    {
        using var channel = GrpcChannel.ForAddress(workforce);
        var client = new V1.StaffRegister.StaffRegisterClient(channel);
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var statuses = new SortedDictionary<V1.ChangeStatus, int>();
        for (var i = 0; i < feed.Batches.Count; i++)
        {
            var batch = feed.Batches[i];
            var request = new V1.RecordStaffChangesRequest { Authority = feed.Authority, Changes = { batch.Changes } };
            var label = $"batch {i + 1}/{feed.Batches.Count} sent on {batch.SentOn:yyyy-MM-dd} ({batch.Changes.Count} changes)";
            V1.RecordStaffChangesReply reply;
            try
            {
                reply = await client.RecordStaffChangesAsync(request, headers, DateTime.UtcNow.Add(CallTimeout));
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
                    StatusCode.Unauthenticated => "The token was refused: make one with deploy/dev-token.sh --role hr-writer.",
                    StatusCode.PermissionDenied => $"The token needs the role hr-writer and the authority {feed.Authority}.",
                    StatusCode.Unavailable => $"Is the workforce service listening on {workforce}?",
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

            var counts = reply.Results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => (g.Key, Count: g.Count())).ToList();
            foreach (var (status, count) in counts)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }

            Console.WriteLine($"{label}: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Count}"))}");
        }

        Console.WriteLine($"Recorded {feed.Batches.Count} batches: {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}");
        return 0;
    }
}
