using Google.Rpc;
using Grpc.Core;
using Workforce.V1;

namespace Workforce.Cli;

public sealed record ImportTally(int Applied, int AlreadyHeld, int Superseded, int Unmatched, int Batches)
{
    public static readonly ImportTally None = new(0, 0, 0, 0, 0);

    public ImportTally Add(RecordStaffChangesReply reply) => new(
        Applied + reply.Results.Count(r => r.Status == ChangeStatus.Applied),
        AlreadyHeld + reply.Results.Count(r => r.Status == ChangeStatus.Duplicate),
        Superseded + reply.Results.Count(r => r.Status == ChangeStatus.Superseded),
        Unmatched + reply.Results.Count(r => r.Status == ChangeStatus.Unmatched),
        Batches + 1);

    public override string ToString() =>
        $"applied {Applied}, already held {AlreadyHeld}, superseded {Superseded}, recorded before their post's first assignment {Unmatched}, in {Batches} batches";
}

/// <summary>A change the service refused: its index in the import, the field and why.</summary>
public sealed record Refusal(int Index, string Field, string Message);

/// <summary>
/// Sends changes in order, one atomic batch at a time. A batch the service refuses is reported change by change and
/// stops the import; one that fails on a transient fault is retried, which is safe because change ids repeat. Changes
/// already held come back as duplicates, so an interrupted import is resumed by running it again.
/// </summary>
public sealed class ChangeImport(StaffRegister.StaffRegisterClient register, Metadata headers)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    public async Task<(ImportTally Tally, IReadOnlyList<Refusal> Refused)> SendAsync(
        string authority, IReadOnlyList<StaffChange> changes, int batchSize, Action<ImportTally, int> sent, CancellationToken cancellationToken)
    {
        var tally = ImportTally.None;
        var done = 0;
        foreach (var batch in changes.Chunk(batchSize))
        {
            var request = new RecordStaffChangesRequest { Authority = authority, Changes = { batch } };
            try
            {
                tally = tally.Add(await RecordAsync(request, cancellationToken));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
            {
                return (tally, Refusals(e, done, batch.Length));
            }

            done += batch.Length;
            sent(tally, done);
        }

        return (tally, []);
    }

    private async Task<RecordStaffChangesReply> RecordAsync(RecordStaffChangesRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await register.RecordStaffChangesAsync(request, headers, cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.ResourceExhausted && attempt < Backoff.Length)
            {
                await Task.Delay(Backoff[attempt], cancellationToken);
            }
        }
    }

    /// <summary>The service's field violations (<c>changes[3].assignment.fte</c>) as indexes into the whole import.</summary>
    private static IReadOnlyList<Refusal> Refusals(RpcException refusal, int batchStart, int batchLength)
    {
        var violations = refusal.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;
        if (violations is null || violations.Count == 0)
        {
            return [new Refusal(batchStart, "", $"the batch from this change was refused: {refusal.Status.Detail}")];
        }

        return violations.Select(v =>
        {
            var index = v.Field.StartsWith("changes[", StringComparison.Ordinal) && int.TryParse(v.Field[8..v.Field.IndexOf(']')], out var i) && i < batchLength ? i : 0;
            return new Refusal(batchStart + index, v.Field, v.Description);
        }).ToList();
    }
}
