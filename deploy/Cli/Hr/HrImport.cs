using Google.Rpc;
using Grpc.Core;
using Workforce.V1;

namespace Workforce.Cli.Hr;

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

/// <summary>
/// Sends an HR file's rows in order, one atomic batch at a time. A batch the service refuses is reported by line and
/// stops the import; one that fails on a transient fault is retried, which is safe because change ids repeat. Rows
/// already held come back as duplicates, so an interrupted import is resumed by running it again.
/// </summary>
public sealed class HrImport(StaffRegister.StaffRegisterClient register, Metadata headers)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    public async Task<(ImportTally Tally, IReadOnlyList<RowError> Refused)> SendAsync(
        string authority, IReadOnlyList<HrRow> rows, int batchSize, Action<ImportTally, int> sent, CancellationToken cancellationToken)
    {
        var tally = ImportTally.None;
        var done = 0;
        foreach (var batch in rows.Chunk(batchSize))
        {
            var request = new RecordStaffChangesRequest { Authority = authority, Changes = { batch.Select(r => r.Change) } };
            try
            {
                tally = tally.Add(await RecordAsync(request, cancellationToken));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
            {
                return (tally, Refusals(e, batch));
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

    /// <summary>The service's field violations (<c>changes[3].assignment.fte</c>) as the lines of the batch's rows.</summary>
    private static IReadOnlyList<RowError> Refusals(RpcException refusal, IReadOnlyList<HrRow> batch)
    {
        var violations = refusal.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;
        if (violations is null || violations.Count == 0)
        {
            return [new RowError(batch[0].Line, "", $"the batch from this line was refused: {refusal.Status.Detail}")];
        }

        return violations.Select(v =>
        {
            var index = v.Field.StartsWith("changes[", StringComparison.Ordinal) && int.TryParse(v.Field[8..v.Field.IndexOf(']')], out var i) && i < batch.Count ? i : 0;
            return new RowError(batch[index].Line, v.Field, v.Description);
        }).ToList();
    }
}
