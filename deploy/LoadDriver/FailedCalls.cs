using System.Collections.Concurrent;
using System.Text;
using Grpc.Core;

namespace Workforce.LoadDriver;

/// <summary>Failed calls of one RPC with one gRPC status, and the first message seen for the pair.</summary>
public sealed record FailedCall(string Rpc, string Status, int Calls, string FirstMessage);

/// <summary>
/// Every failed gRPC call of a run, by RPC and status code, so a report says why calls failed and not only how many;
/// thread-safe, so concurrent callers can share one.
/// </summary>
public sealed class FailedCalls
{
    private readonly ConcurrentDictionary<(string Rpc, StatusCode Status), Entry> _entries = new();

    /// <summary>The RPC's full name as gRPC sends it (<c>package.Service/Method</c>); throws if the service has no such method.</summary>
    public static string Rpc(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        service.FindMethodByName(method) is { } found ? $"{service.FullName}/{found.Name}" : throw new ArgumentException($"{service.FullName} has no method {method}");

    /// <summary>The status as the gRPC specification spells it: DEADLINE_EXCEEDED, UNAVAILABLE, ...</summary>
    public static string Name(StatusCode status)
    {
        var name = new StringBuilder();
        foreach (var c in status.ToString())
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(c));
        }

        return name.ToString();
    }

    /// <summary>The status detail and the first few field violations, if the reply carries any.</summary>
    public static string Message(RpcException failure)
    {
        var violations = failure.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Take(5).Select(v => $"{v.Field}: {v.Description}") ?? [];
        return string.Join("; ", new[] { failure.Status.Detail }.Concat(violations).Where(m => m.Length > 0));
    }

    public void Record(string rpc, RpcException failure)
    {
        var entry = _entries.GetOrAdd((rpc, failure.StatusCode), _ => new Entry(Message(failure)));
        Interlocked.Increment(ref entry.Calls);
    }

    /// <summary>Runs <paramref name="call"/>; a failure is recorded against <paramref name="rpc"/> and rethrown for the caller to count.</summary>
    public async Task<T> ObserveAsync<T>(string rpc, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException failure)
        {
            Record(rpc, failure);
            throw;
        }
    }

    public IReadOnlyList<FailedCall> All => _entries
        .Select(e => new FailedCall(e.Key.Rpc, Name(e.Key.Status), e.Value.Calls, e.Value.FirstMessage))
        .OrderByDescending(f => f.Calls).ThenBy(f => f.Rpc, StringComparer.Ordinal).ThenBy(f => f.Status, StringComparer.Ordinal)
        .ToList();

    private sealed class Entry(string firstMessage)
    {
        public int Calls;

        public string FirstMessage { get; } = firstMessage;
    }
}
