using Workforce.Contracts;

namespace Workforce.ServiceDefaults.Telemetry;

/// <summary>When an integration event's change happened, and how far behind it a consumer is.</summary>
public static class EventTimes
{
    /// <summary>
    /// The time the change was recorded (or the alert detected) at its source. Other events fall back to when the
    /// broker message was sent, which leaves out any time the event waited in the producer's outbox.
    /// </summary>
    public static DateTimeOffset RecordedAt(object message, DateTime? sentTime, DateTimeOffset now) => message switch
    {
        StaffMemberChanged changed => changed.RecordedAt,
        CouncilSettingsChanged settings => settings.RecordedAt,
        CaseloadAboveThreshold alert => alert.DetectedAt,
        OpenCasesHeldByLeaver alert => alert.DetectedAt,
        SupervisionOverdue alert => alert.DetectedAt,
        _ when sentTime is { } sent => new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)),
        _ => now,
    };

    /// <summary>Time from <paramref name="from"/> to <paramref name="now"/>; never negative, as hosts' clocks drift.</summary>
    public static TimeSpan Lag(DateTimeOffset from, DateTimeOffset now) => now > from ? now - from : TimeSpan.Zero;

    public static bool IsAlert(Type type) =>
        type == typeof(CaseloadAboveThreshold) || type == typeof(OpenCasesHeldByLeaver) || type == typeof(SupervisionOverdue);
}
