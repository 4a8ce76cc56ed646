using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Dated per-council settings: read, set from a date, reproduced as known before, and carried to the other services.</summary>
public sealed class CouncilSettingsTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Council = "840";

    private Suite Suite => fixture.Suite;

    private static Metadata Operations => Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [Council]));

    private static Metadata Analyst => Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Council]));

    [Fact]
    public async Task Settings_hold_from_their_date_are_reproducible_as_known_before_and_reach_the_consumers()
    {
        var client = Suite.StaffRegister();
        var sick = new StaffChange
        {
            ChangeId = "sick-1",
            StaffId = "settings-post",
            EffectiveDate = Requests.Day(2025, 6, 1),
            Absence = new Absence { Reason = AbsenceReason.Sickness, WorkingDaysLost = 10 },
        };
        var recorded = await client.RecordStaffChangesAsync(
            Requests.Batch(Council, Requests.Assignment(staffId: "settings-post", from: Requests.Day(2024, 1, 1)), sick), Suite.Bearer(TestTokens.HrWriter(Council)));
        await Suite.WaitForReadModelsAsync(Council, "settings-post");
        Assert.Equal(new DateOnly(2025, 6, 28), await Suite.CaseloadLongTermFromAsync(Council, "settings-post", new DateOnly(2025, 6, 1)));

        var defaults = await client.GetCouncilSettingsAsync(new GetCouncilSettingsRequest { Authority = Council, AsOf = Requests.Day(2025, 5, 1) }, Analyst);
        Assert.Equal((18.0, 28, 4, 1), (defaults.Settings.CaseloadTarget, defaults.Settings.LongTermAbsenceDays, defaults.Settings.ReportingYearStartMonth, defaults.Settings.ReportingYearStartDay));
        Assert.Equal([20.0, 25.0], defaults.Settings.CaseloadThresholds);
        Assert.Equal((7, 14, 28, 28, 90), (defaults.Settings.Supervision.AsyeWeeklyIntervalDays, defaults.Settings.Supervision.AsyeFortnightlyIntervalDays,
            defaults.Settings.Supervision.AsyeAfterIntervalDays, defaults.Settings.Supervision.StandardIntervalDays, defaults.Settings.Supervision.MinimumMinutes));
        Assert.Null(defaults.EffectiveFrom);

        var changed = defaults.Settings.Clone();
        changed.CaseloadTarget = 16;
        changed.LongTermAbsenceDays = 42;
        changed.Supervision.RoleIntervals.Add(new RoleInterval { CensusRole = 2, IntervalDays = 42 });
        var set = new SetCouncilSettingsRequest { Authority = Council, ChangeId = "settings-2025", EffectiveFrom = Requests.Day(2025, 4, 1), Settings = changed };
        var reply = await client.SetCouncilSettingsAsync(set, Operations);
        var again = await client.SetCouncilSettingsAsync(set, Operations);

        Assert.Equal((ChangeStatus.Applied, ChangeStatus.Duplicate), (reply.Status, again.Status));
        var before = await client.GetCouncilSettingsAsync(new GetCouncilSettingsRequest { Authority = Council, AsOf = Requests.Day(2025, 3, 31) }, Analyst);
        var after = await client.GetCouncilSettingsAsync(new GetCouncilSettingsRequest { Authority = Council, AsOf = Requests.Day(2025, 4, 1) }, Analyst);
        var asKnownBefore = await client.GetCouncilSettingsAsync(
            new GetCouncilSettingsRequest { Authority = Council, AsOf = Requests.Day(2025, 4, 1), KnownAt = recorded.RecordedAt }, Analyst);
        Assert.Equal(18.0, before.Settings.CaseloadTarget);
        Assert.Equal((16.0, 42, Requests.Day(2025, 4, 1)), (after.Settings.CaseloadTarget, after.Settings.LongTermAbsenceDays, after.EffectiveFrom));
        Assert.Equal(42, Assert.Single(after.Settings.Supervision.RoleIntervals).IntervalDays);
        Assert.Equal(18.0, asKnownBefore.Settings.CaseloadTarget);

        // The consumers receive the settings, and the absence is re-sent under the new long-term rule (42 days).
        await Eventually.True(async () => await Suite.SettingsVersionAsync("caseload", Council) is not null, TimeSpan.FromSeconds(30), "caseload to receive the settings");
        await Eventually.True(async () => await Suite.SettingsVersionAsync("supervision", Council) is not null, TimeSpan.FromSeconds(30), "supervision to receive the settings");
        await Suite.WaitForReadModelsAsync(Council, "settings-post");
        Assert.Equal(new DateOnly(2025, 7, 12), await Suite.CaseloadLongTermFromAsync(Council, "settings-post", new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public async Task Invalid_settings_are_rejected_field_by_field_and_only_operations_may_set_them()
    {
        var client = Suite.StaffRegister();
        var settings = (await client.GetCouncilSettingsAsync(new GetCouncilSettingsRequest { Authority = Council }, Analyst)).Settings;
        settings.CaseloadTarget = 0;
        settings.CaseloadThresholds.Clear();
        settings.CaseloadThresholds.Add([25, 20]);
        settings.ReportingYearStartMonth = 2;
        settings.ReportingYearStartDay = 29;
        var request = new SetCouncilSettingsRequest { Authority = Council, ChangeId = "bad-settings", EffectiveFrom = Requests.Day(2025, 4, 1), Settings = settings };

        var invalid = await Assert.ThrowsAsync<RpcException>(() => client.SetCouncilSettingsAsync(request, Operations).ResponseAsync);
        var analyst = await Assert.ThrowsAsync<RpcException>(() => client.SetCouncilSettingsAsync(request, Analyst).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(
            ["settings.caseload_target", "settings.caseload_thresholds", "settings.reporting_year_start_day"],
            invalid.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(StatusCode.PermissionDenied, analyst.StatusCode);
    }
}
