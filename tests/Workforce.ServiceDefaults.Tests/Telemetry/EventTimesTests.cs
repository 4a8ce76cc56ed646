using Workforce.Contracts;
using Workforce.ServiceDefaults.Telemetry;
using Xunit;

namespace Workforce.ServiceDefaults.Tests.Telemetry;

public sealed class EventTimesTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_staffing_event_is_as_old_as_the_change_recorded_at_the_workforce_service_not_its_sending()
    {
        var recorded = Now.AddMinutes(-10);
        var message = new StaffMemberChanged("841", "post-1", 3, recorded, []);

        Assert.Equal(recorded, EventTimes.RecordedAt(message, sentTime: Now.AddSeconds(-1).UtcDateTime, Now));
        Assert.Equal(TimeSpan.FromMinutes(10), EventTimes.Lag(EventTimes.RecordedAt(message, null, Now), Now));
    }

    [Fact]
    public void An_alert_is_as_old_as_its_detection()
    {
        var detected = Now.AddSeconds(-30);

        Assert.Equal(detected, EventTimes.RecordedAt(new OpenCasesHeldByLeaver("841", "post-1", new DateOnly(2025, 10, 1), 2, detected), null, Now));
    }

    [Fact]
    public void Another_message_falls_back_to_its_sent_time_read_as_utc_and_then_to_now()
    {
        var sent = new DateTime(2025, 10, 1, 11, 59, 0, DateTimeKind.Unspecified);

        Assert.Equal(TimeSpan.FromMinutes(1), EventTimes.Lag(EventTimes.RecordedAt("other", sent, Now), Now));
        Assert.Equal(Now, EventTimes.RecordedAt("other", null, Now));
    }

    [Fact]
    public void A_source_clock_ahead_of_ours_gives_no_negative_lag()
    {
        Assert.Equal(TimeSpan.Zero, EventTimes.Lag(Now.AddSeconds(5), Now));
    }

    [Fact]
    public void Only_the_three_alerts_count_as_alerts()
    {
        Assert.True(EventTimes.IsAlert(typeof(CaseloadAboveThreshold)));
        Assert.True(EventTimes.IsAlert(typeof(OpenCasesHeldByLeaver)));
        Assert.True(EventTimes.IsAlert(typeof(SupervisionOverdue)));
        Assert.False(EventTimes.IsAlert(typeof(StaffMemberChanged)));
    }
}
