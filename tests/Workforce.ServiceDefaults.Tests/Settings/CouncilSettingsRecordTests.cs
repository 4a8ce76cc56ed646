using Workforce.Contracts;
using Workforce.ServiceDefaults.Settings;
using Xunit;

namespace Workforce.ServiceDefaults.Tests.Settings;

public sealed class CouncilSettingsRecordTests
{
    private static CouncilSettingsChanged Changed(long version, params (DateOnly From, decimal Target)[] entries) =>
        new("841", version, DateTimeOffset.UnixEpoch, [.. entries.Select(e => new DatedCouncilSettings(e.From, new CouncilSettings { CaseloadTarget = e.Target }))]);

    [Fact]
    public void The_history_is_parsed_once_and_again_only_when_a_newer_message_replaces_it()
    {
        var record = new CouncilSettingsRecord { Authority = "841" };
        record.Apply(Changed(1, (new DateOnly(2024, 4, 1), 18m)));
        var first = record.History;

        Assert.Same(first, record.History);
        Assert.Equal(18m, record.On(new DateOnly(2025, 1, 1)).CaseloadTarget);
        Assert.Equal(CouncilSettings.Default, record.On(new DateOnly(2024, 3, 31)));

        record.Apply(Changed(2, (new DateOnly(2024, 4, 1), 18m), (new DateOnly(2025, 4, 1), 16m)));

        Assert.NotSame(first, record.History);
        Assert.Equal(16m, record.On(new DateOnly(2025, 4, 1)).CaseloadTarget);
        Assert.Equal(18m, record.On(new DateOnly(2025, 3, 31)).CaseloadTarget);
    }
}
