namespace Workforce.Contracts;

/// <summary>A person's supervision became overdue (once per due date missed; again only after a new due date is missed).</summary>
public sealed record SupervisionOverdue(
    string Authority,
    string StaffId,
    string? SupervisorStaffId,
    DateOnly DueDate,
    DateOnly AsOf,
    int DaysOverdue,
    DateTimeOffset DetectedAt) : ICouncilData;
