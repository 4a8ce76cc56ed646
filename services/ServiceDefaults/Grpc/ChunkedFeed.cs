using Grpc.Core;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>What a bulk feed committed: chunks, and changes by status.</summary>
public sealed record FeedTotals(int Chunks, int Changes, int Applied, int Duplicate, int Superseded, int Unmatched, DateTimeOffset? LastRecordedAt);

/// <summary>Per-item statuses of one committed chunk.</summary>
public sealed record ChunkResult(IReadOnlyList<WriteStatus> Statuses, DateTimeOffset RecordedAt);

/// <summary>
/// A client-streaming bulk feed: each message is a chunk committed on its own as it arrives. An invalid chunk ends
/// the feed with INVALID_ARGUMENT whose field paths start <c>chunks[k].</c> and whose message says how many chunks
/// before it are committed, so the sender resumes from chunk k (change ids make re-sending safe); a storage failure
/// ends it the same way with UNAVAILABLE or ABORTED.
/// </summary>
public static class ChunkedFeed
{
    public static async Task<FeedTotals> ReadAsync<TChunk>(
        IAsyncStreamReader<TChunk> chunks,
        Func<TChunk, string, Task<ChunkResult>> commit,
        CancellationToken cancellationToken)
    {
        var totals = new FeedTotals(0, 0, 0, 0, 0, 0, null);
        await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
        {
            ChunkResult result;
            try
            {
                result = await commit(chunk, $"chunks[{totals.Chunks}].");
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.InvalidArgument && error.GetRpcStatus() is { } status)
            {
                status.Message = $"Chunk {totals.Chunks} was rejected and nothing of it recorded; the {totals.Chunks} chunk(s) before it "
                    + $"({totals.Changes} changes) are committed: resume from chunk {totals.Chunks}. {status.Message}";
                throw status.ToRpcException();
            }
            catch (Exception error) when (StorageFailureInterceptor.Classify(error) is { } code)
            {
                throw new RpcException(new Status(code, $"Chunk {totals.Chunks} could not be recorded ({StorageFailureInterceptor.Describe(code)}); nothing of it "
                    + $"is recorded, and the {totals.Chunks} chunk(s) before it ({totals.Changes} changes) are committed: resume from chunk {totals.Chunks}."));
            }

            totals = new FeedTotals(
                totals.Chunks + 1,
                totals.Changes + result.Statuses.Count,
                totals.Applied + result.Statuses.Count(s => s == WriteStatus.Applied),
                totals.Duplicate + result.Statuses.Count(s => s == WriteStatus.Duplicate),
                totals.Superseded + result.Statuses.Count(s => s == WriteStatus.Superseded),
                totals.Unmatched + result.Statuses.Count(s => s == WriteStatus.Unmatched),
                result.RecordedAt);
        }

        return totals;
    }
}
