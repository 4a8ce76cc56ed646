namespace Workforce.Contracts;

public static class StaffMemberChangedRules
{
    /// <summary>Why the event can never be applied, or null when it is well formed.</summary>
    public static string? Problem(this StaffMemberChanged message)
    {
        if (string.IsNullOrWhiteSpace(message.Authority)) return "Authority is missing.";
        if (string.IsNullOrWhiteSpace(message.StaffId)) return "StaffId is missing.";
        if (message.Version < 1) return "Version must be at least 1.";
        if (message.Assignments is null) return "Assignments are missing.";
        for (var i = 1; i < message.Assignments.Count; i++)
        {
            if (message.Assignments[i].From <= message.Assignments[i - 1].From) return "Assignments must be in date order.";
        }

        return null;
    }
}
