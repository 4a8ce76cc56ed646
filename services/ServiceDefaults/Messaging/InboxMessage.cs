namespace Workforce.ServiceDefaults.Messaging;

/// <summary>A message a consumer has applied, recorded in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>The council whose event this was (<see cref="Workforce.Contracts.ICouncilData"/>), so offboarding finds it; null otherwise.</summary>
    public string? Authority { get; set; }
}
