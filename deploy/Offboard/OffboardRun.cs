using System.Globalization;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Operations.V1;

namespace Workforce.Offboard;

/// <param name="Services">The gRPC address of each service, offboarded in this order (the workforce service first).</param>
/// <param name="Token">An operations token naming the council.</param>
public sealed record OffboardOptions(string Authority, IReadOnlyList<(string Service, Uri Address)> Services, string Token, CouncilDataScan Scan, bool DryRun);

/// <summary>One line of the report; a count is null where that step says nothing about the store.</summary>
public sealed record StoreLine(string Service, string Store, long? Before, long? Deleted, long? After, bool Kept);

public sealed record OffboardReport(IReadOnlyList<StoreLine> Lines, bool DryRun)
{
    /// <summary>Rows and messages of the council still there afterwards, the tombstones apart.</summary>
    public long Remaining => Lines.Where(l => !l.Kept).Sum(l => l.After ?? 0);

    public string Format()
    {
        var text = new StringBuilder();
        var width = Math.Max(5, Lines.Max(l => l.Store.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"service",-12} {"store".PadRight(width)} {"before",8} {(DryRun ? "would delete" : "deleted"),12} {"after",8}");
        foreach (var line in Lines)
        {
            var store = line.Kept ? line.Store + " (tombstone, kept)" : line.Store;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{line.Service,-12} {store.PadRight(width)} {Count(line.Before),8} {Count(line.Deleted),12} {Count(line.After),8}");
        }

        text.Append(CultureInfo.InvariantCulture, $"remaining: {Remaining}");
        return text.ToString();
    }

    private static string Count(long? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>
/// The operator's offboarding: scan, offboard each service over gRPC, scan again. Tables are counted from each database's
/// catalog, independently of the services; <c>_error</c> queues by each service's dry run, before and after.
/// </summary>
public static class OffboardRun
{
    private const string TableKind = "table";
    private const string ErrorQueueKind = "error_queue";

    public static async Task<OffboardReport> RunAsync(OffboardOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        var headers = new Metadata { { "authorization", "Bearer " + options.Token } };
        var channels = options.Services.Select(s => (s.Service, Channel: GrpcChannel.ForAddress(s.Address))).ToList();
        try
        {
            var clients = channels.Select(c => (c.Service, Client: new Councils.CouncilsClient(c.Channel))).ToList();
            var tablesBefore = await options.Scan.ScanAsync(options.Authority, cancellationToken);
            var queuesBefore = await QueuesAsync(clients, options.Authority, headers, cancellationToken);
            var deleted = new Dictionary<(string, string), long>();
            foreach (var (service, client) in clients)
            {
                var reply = await client.OffboardCouncilAsync(Request(options.Authority, options.DryRun), headers, cancellationToken: cancellationToken);
                log($"{service}: {(options.DryRun ? "would delete" : "deleted")} {reply.Stores.Sum(s => s.Count)} rows and messages");
                foreach (var store in reply.Stores)
                {
                    deleted[(service, store.Name)] = store.Count;
                }
            }

            var tablesAfter = await options.Scan.ScanAsync(options.Authority, cancellationToken);
            var queuesAfter = await QueuesAsync(clients, options.Authority, headers, cancellationToken);

            var lines = tablesBefore.Select(t => new StoreLine(
                    t.Service, t.Table, t.Rows, deleted.TryGetValue((t.Service, t.Table), out var d) ? d : null,
                    tablesAfter.SingleOrDefault(a => a.Service == t.Service && a.Table == t.Table)?.Rows, t.IsTombstone))
                .Concat(tablesAfter.Where(a => !tablesBefore.Any(t => t.Service == a.Service && t.Table == a.Table))
                    .Select(a => new StoreLine(a.Service, a.Table, null, null, a.Rows, a.IsTombstone)))
                .Concat(queuesBefore.Select(q => new StoreLine(
                    q.Key.Service, q.Key.Queue, q.Value, deleted.TryGetValue(q.Key, out var d) ? d : null, queuesAfter.GetValueOrDefault(q.Key), false)))
                .ToList();
            return new OffboardReport(lines, options.DryRun);
        }
        finally
        {
            foreach (var (_, channel) in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static OffboardCouncilRequest Request(string authority, bool dryRun) => new() { Authority = authority, ConfirmAuthority = authority, DryRun = dryRun };

    /// <summary>The council's messages in each service's <c>_error</c> queues, by a dry run that changes nothing.</summary>
    private static async Task<Dictionary<(string Service, string Queue), long>> QueuesAsync(
        List<(string Service, Councils.CouncilsClient Client)> clients, string authority, Metadata headers, CancellationToken cancellationToken)
    {
        var queues = new Dictionary<(string, string), long>();
        foreach (var (service, client) in clients)
        {
            var reply = await client.OffboardCouncilAsync(Request(authority, dryRun: true), headers, cancellationToken: cancellationToken);
            foreach (var store in reply.Stores.Where(s => s.Kind == ErrorQueueKind))
            {
                queues[(service, store.Name)] = store.Count;
            }
        }

        return queues;
    }
}
