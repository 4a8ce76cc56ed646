namespace Supervision.Api.Domain;

/// <summary>A person overdue for the supervision due on <see cref="DueDate"/>; alerted once, cleared when they are back in date.</summary>
public sealed class OverdueEpisode
{
    public required string Authority { get; set; }

    public required string StaffId { get; set; }

    public DateOnly DueDate { get; set; }
}
