using Workforce.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Workforce.Api.Tests.Domain;

public sealed class SettingsHistoryTests
{
    [Fact]
    public void Settings_hold_from_their_date_until_the_next_and_defaults_apply_before_the_first()
    {
        var log = new List<StaffChange>
        {
            Row(1, new DateOnly(2024, 4, 1), new CouncilSettings { CaseloadTarget = 20 }),
            Row(2, new DateOnly(2025, 4, 1), new CouncilSettings { CaseloadTarget = 18, LongTermAbsenceDays = 42 }),
            Row(3, new DateOnly(2025, 4, 1), new CouncilSettings { CaseloadTarget = 17 }),
        };

        var history = SettingsHistory.From(ChangeLog.Effective(log));

        Assert.Equal(CouncilSettings.Default, history.On(new DateOnly(2024, 3, 31)));
        Assert.Equal(20m, history.On(new DateOnly(2025, 3, 31)).CaseloadTarget);
        Assert.Equal((17m, 28), (history.On(new DateOnly(2025, 4, 1)).CaseloadTarget, history.On(new DateOnly(2025, 4, 1)).LongTermAbsenceDays));
    }

    [Fact]
    public void Settings_survive_their_round_trip_through_the_change_log()
    {
        var settings = new CouncilSettings
        {
            CaseloadThresholds = [19m, 22m],
            Supervision = new SupervisionPolicy { RoleIntervalDays = new Dictionary<int, int> { [2] = 42 }, GroupSessionsCount = true },
        };

        var history = SettingsHistory.From(ChangeLog.Effective([Row(1, new DateOnly(2025, 1, 1), settings)]));

        Assert.Equal(settings, history.On(new DateOnly(2025, 1, 1)));
        Assert.NotEqual(CouncilSettings.Default, settings);
    }

    private static StaffChange Row(long sequence, DateOnly from, CouncilSettings settings) => new()
    {
        Sequence = sequence,
        Authority = "841",
        ChangeId = $"settings-{sequence}",
        Kind = ChangeKind.Settings,
        EffectiveDate = from,
        RecordedAt = DateTimeOffset.UnixEpoch.AddMinutes(sequence),
        SettingsJson = SettingsHistory.Serialize(settings),
    };
}
