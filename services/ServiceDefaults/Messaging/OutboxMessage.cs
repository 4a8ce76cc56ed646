using System.Diagnostics;
using System.Text.Json;
using Workforce.Contracts;

namespace Workforce.ServiceDefaults.Messaging;

/// <summary>An integration event committed with the change that caused it, waiting to be published.</summary>
public sealed class OutboxMessage
{
    /// <summary>Publication order.</summary>
    public long Sequence { get; set; }

    /// <summary>Becomes the message's MessageId, so a re-dispatch after a crash is recognised downstream.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Type name without version (<c>Namespace.Type, Assembly</c>).</summary>
    public string MessageType { get; set; } = "";

    public string Payload { get; set; } = "";

    /// <summary>The council whose data the event carries (<see cref="ICouncilData"/>), so offboarding finds it; null otherwise.</summary>
    public string? Authority { get; set; }

    /// <summary>W3C trace context of the request that wrote the event, restored when it is published.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The dispatcher replica publishing the row (or that published it, once sent).</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claim holds; after that another replica may take the row over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public static OutboxMessage Create<T>(T message, DateTimeOffset now) where T : class
    {
        var activity = Activity.Current;
        return new OutboxMessage
        {
            MessageId = NewId(),
            MessageType = TypeName(typeof(T)),
            Payload = JsonSerializer.Serialize(message, MessageJson.Options),
            Authority = (message as ICouncilData)?.Authority,
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
        };
    }

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    // Time-ordered ids keep index inserts cheap and sort roughly by creation.
    private static Guid NewId() => Guid.CreateVersion7();
}

public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
