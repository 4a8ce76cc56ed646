using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;

namespace Workforce.ServiceDefaults.Operations;

/// <summary>Lists and re-drives the service's <c>_error</c> queues. Error queues span councils, so this is for the operations role only.</summary>
public sealed class DeadLettersService(ErrorQueues errorQueues) : DeadLetters.DeadLettersBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    // A listing browses every message before its page, holding them unacknowledged meanwhile.
    private const int MaxPosition = 10_000;

    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.ServiceWide)]
    public override async Task<ListErrorMessagesReply> ListErrorMessages(ListErrorMessagesRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        ValidateQueue(violations, request.Queue);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"must be between 0 and {MaxPageSize}.");
        }

        var offset = 0;
        if (request.PageToken.Length > 0 && (!PageTokens.TryRead(request.PageToken, out offset) || offset > MaxPosition))
        {
            violations.Add("page_token", "is not a token this service issued.");
        }

        violations.ThrowIfAny();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var found = await errorQueues.ListAsync(request.Queue, offset, pageSize + 1, context.CancellationToken);

        var reply = new ListErrorMessagesReply();
        reply.Messages.AddRange(found.Take(pageSize).Select(Message));
        if (found.Count > pageSize && offset + pageSize <= MaxPosition)
        {
            reply.NextPageToken = PageTokens.Write(offset + pageSize);
        }

        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.ServiceWide)]
    public override async Task<RedriveErrorMessagesReply> RedriveErrorMessages(RedriveErrorMessagesRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        ValidateQueue(violations, request.Queue);
        if (request.All == (request.MessageIds.Count > 0))
        {
            violations.Add("message_ids", "name the messages to move, or set all (not both).");
        }

        for (var i = 0; i < request.MessageIds.Count; i++)
        {
            if (!Guid.TryParse(request.MessageIds[i], out _))
            {
                violations.Add($"message_ids[{i}]", "must be a message id (a UUID).");
            }
        }

        violations.ThrowIfAny();
        var ids = request.All ? null : request.MessageIds.Select(id => Guid.Parse(id).ToString()).ToHashSet(StringComparer.Ordinal);
        var result = await errorQueues.RedriveAsync(request.Queue, ids, context.CancellationToken);
        return new RedriveErrorMessagesReply { Moved = { result.Moved }, NotFound = { result.NotFound } };
    }

    private void ValidateQueue(FieldViolations violations, string queue)
    {
        if (queue.Length > 0 && !errorQueues.ConsumerQueueNames.Contains(queue))
        {
            violations.Add("queue", $"is not a consumer queue of this service ({string.Join(", ", errorQueues.ConsumerQueueNames.Order(StringComparer.Ordinal))}).");
        }
    }

    private static ErrorMessage Message(ErrorMessageInfo info) => new()
    {
        MessageId = info.MessageId,
        MessageType = info.MessageType,
        Queue = info.Queue,
        Reason = info.Reason,
        ExceptionType = info.ExceptionType,
        ExceptionMessage = info.ExceptionMessage,
        FaultedAt = info.FaultedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        RetryCount = info.RetryCount,
        RedeliveryCount = info.RedeliveryCount,
        RedriveCount = info.RedriveCount,
    };
}
