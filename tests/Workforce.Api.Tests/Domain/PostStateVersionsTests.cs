using Workforce.Api.Application;
using Workforce.Api.Domain;
using Xunit;

namespace Workforce.Api.Tests.Domain;

public sealed class PostStateVersionsTests
{
    [Fact]
    public void A_posts_version_is_its_latest_row_or_the_settings_when_they_are_newer()
    {
        // Rows 1, 4 and 7 are post-a's, 2 and 3 post-b's; settings were last changed at row 5.
        var log = new List<StaffChange>
        {
            Row(1, "post-a"), Row(2, "post-b"), Row(3, "post-b"), Row(4, "post-a"), Row(5, null, ChangeKind.Settings), Row(7, "post-a"),
        };

        var versions = PostStateEvents.Versions(log, PostStateEvents.SettingsVersion(log));

        Assert.Equal(new Dictionary<string, long> { ["post-a"] = 7, ["post-b"] = 5 }, versions);
        Assert.Equal(versions.Values.Order(), PostStateEvents.Current("841", log).Select(e => e.Version).Order());
    }

    private static StaffChange Row(long sequence, string? staffId, ChangeKind kind = ChangeKind.Assignment) => new()
    {
        Sequence = sequence,
        Authority = "841",
        ChangeId = $"change-{sequence}",
        Kind = kind,
        StaffId = staffId,
        EffectiveDate = new DateOnly(2025, 4, 1),
        Team = "assessment-1",
        FteMillionths = 1_000_000,
        Registered = true,
        RecordedAt = DateTimeOffset.UnixEpoch.AddMinutes(sequence),
        SettingsJson = kind == ChangeKind.Settings ? SettingsHistory.Serialize(new Workforce.Contracts.CouncilSettings()) : null,
    };
}
