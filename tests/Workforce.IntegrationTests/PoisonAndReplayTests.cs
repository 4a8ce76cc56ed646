using Caseload.V1;
using Grpc.Core;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Short retries, so a poisoned message reaches <c>_error</c> in about a second.</summary>
public sealed class ShortRetrySuiteFixture() : SuiteFixture(new SuiteOptions { RetryInterval = TimeSpan.FromMilliseconds(300) });

/// <summary>A message no retry can apply is set aside while the rest flow; operations list it, re-drive it and rebuild read models.</summary>
public sealed class PoisonAndReplayTests(ShortRetrySuiteFixture fixture) : IClassFixture<ShortRetrySuiteFixture>
{
    private const string StaffQueue = "caseload-staff-member-changed";

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task A_poisoned_message_goes_to_error_while_later_ones_apply_and_is_applied_once_when_re_driven_after_the_fix()
    {
        const string authority = "871";
        var poison = Requests.Assignment();
        var good = Enumerable.Range(0, 3).Select(_ => Requests.Assignment()).ToList();
        // The caseload database refuses this one post, as a fault only an operator can clear would.
        await Suite.ExecuteAsync("caseload", $"CREATE TRIGGER poison BEFORE INSERT ON workers WHEN NEW.\"StaffId\" = '{poison.StaffId}' BEGIN SELECT RAISE(ABORT, 'refused for a test'); END");
        var writer = Suite.Bearer(TestTokens.HrWriter(authority));
        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [authority]));
        var deadLetters = Suite.DeadLetters(Suite.Caseload);

        foreach (var change in good.Prepend(poison))
        {
            await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, change), writer);
        }

        foreach (var change in good)
        {
            await Suite.WaitForReadModelsAsync(authority, change.StaffId);
        }

        Assert.Null(await Suite.CaseloadVersionAsync(authority, poison.StaffId));
        Assert.Equal(await Suite.WorkforceVersionAsync(authority, poison.StaffId), await Suite.SupervisionVersionAsync(authority, poison.StaffId));
        var listing = await deadLetters.ListErrorMessagesAsync(new ListErrorMessagesRequest(), operations);
        var faulted = Assert.Single(listing.Messages);
        Assert.Equal(StaffQueue, faulted.Queue);
        Assert.EndsWith(":StaffMemberChanged", faulted.MessageType);
        Assert.Equal("fault", faulted.Reason);
        Assert.Contains("refused for a test", faulted.ExceptionMessage);
        Assert.Equal(3, faulted.RetryCount); // one per interval the suite configures
        Assert.NotNull(faulted.FaultedAt);
        Assert.DoesNotContain(poison.StaffId, listing.ToString());
        Assert.Empty((await Suite.DeadLetters(Suite.Supervision).ListErrorMessagesAsync(new ListErrorMessagesRequest(), operations)).Messages);

        // Re-driven before the fix, it faults again: back in _error, its first fault's time kept.
        var early = await deadLetters.RedriveErrorMessagesAsync(new RedriveErrorMessagesRequest { MessageIds = { faulted.MessageId } }, operations);
        Assert.Equal([faulted.MessageId], early.Moved);
        var again = await Eventually.Get(
            async () => (await deadLetters.ListErrorMessagesAsync(new ListErrorMessagesRequest { Queue = StaffQueue }, operations)).Messages.SingleOrDefault(),
            TimeSpan.FromSeconds(30),
            "the message to fault again");
        Assert.Equal((faulted.MessageId, 1, faulted.FaultedAt), (again.MessageId, again.RedriveCount, again.FaultedAt));

        await Suite.ExecuteAsync("caseload", "DROP TRIGGER poison");
        var fixedRun = await deadLetters.RedriveErrorMessagesAsync(new RedriveErrorMessagesRequest { All = true }, operations);
        var repeat = await deadLetters.RedriveErrorMessagesAsync(new RedriveErrorMessagesRequest { MessageIds = { faulted.MessageId } }, operations);

        Assert.Equal([faulted.MessageId], fixedRun.Moved);
        Assert.Equal([faulted.MessageId], repeat.NotFound);
        Assert.Empty(repeat.Moved);
        await Suite.WaitForReadModelsAsync(authority, poison.StaffId);
        Assert.Equal(1, await Suite.InboxCountAsync("caseload", Guid.Parse(faulted.MessageId)));
        Assert.Empty((await deadLetters.ListErrorMessagesAsync(new ListErrorMessagesRequest(), operations)).Messages);
    }

    [Fact]
    public async Task A_caseload_read_model_that_lost_and_damaged_rows_is_rebuilt_to_the_same_target_progress()
    {
        const string authority = "872";
        var workers = Enumerable.Range(0, 3).Select(i => Requests.CaseHoldingWorker(authority, i, fte: 1.0 - (0.2 * i))).ToList();
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, [.. workers]), Suite.Bearer(TestTokens.HrWriter(authority)));
        foreach (var worker in workers)
        {
            await Suite.WaitForReadModelsAsync(authority, worker.StaffId);
        }

        var cases = new RecordAllocationChangesRequest { Authority = authority };
        cases.Changes.AddRange(Enumerable.Range(0, 10).Select(i => Requests.OpenCase(authority, i, workers[i % 3].StaffId, Requests.Day(2025, 4, 1))));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(cases, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));
        var before = await ProgressAsync(authority);

        // Two workers lost, one's FTE damaged at the same version, and a row the workforce service never sent.
        await Suite.ExecuteAsync("caseload", $"""
            DELETE FROM worker_periods WHERE "Authority" = '{authority}' AND "StaffId" <> '{workers[0].StaffId}';
            DELETE FROM worker_absences WHERE "Authority" = '{authority}' AND "StaffId" <> '{workers[0].StaffId}';
            DELETE FROM workers WHERE "Authority" = '{authority}' AND "StaffId" <> '{workers[0].StaffId}';
            UPDATE worker_periods SET "FteMillionths" = 1 WHERE "Authority" = '{authority}';
            INSERT INTO workers ("Authority", "StaffId", "Version", "SourceRecordedAt") VALUES ('{authority}', 'ghost', 1, '2025-01-01 00:00:00+00:00');
            """);
        Assert.NotEqual(before, await ProgressAsync(authority));

        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [authority]));
        var rebuilt = await Suite.ReadModels(Suite.Caseload).RebuildReadModelAsync(new RebuildReadModelRequest { Authority = authority }, operations);

        Assert.Equal((3, 3, 1, 0), (rebuilt.SourcePosts, rebuilt.Replaced, rebuilt.Removed, rebuilt.KeptNewer));
        Assert.InRange(rebuilt.ElapsedMs, 0, 30_000);
        Assert.Equal(before, await ProgressAsync(authority));
        foreach (var worker in workers)
        {
            Assert.Equal(await Suite.WorkforceVersionAsync(authority, worker.StaffId), await Suite.CaseloadVersionAsync(authority, worker.StaffId));
        }

        Assert.Equal(3, await Suite.CaseloadWorkerCountAsync(authority));
    }

    [Fact]
    public async Task A_supervision_read_model_is_rebuilt_from_the_workforce_service_and_a_rebuild_is_safe_to_repeat()
    {
        const string authority = "873";
        var worker = Requests.CaseHoldingWorker(authority, 0, fte: 1.0);
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, worker), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Suite.WaitForReadModelsAsync(authority, worker.StaffId);
        await Suite.ExecuteAsync("supervision", $"""
            DELETE FROM supervision_periods WHERE "Authority" = '{authority}';
            DELETE FROM supervision_absences WHERE "Authority" = '{authority}';
            DELETE FROM supervised_staff WHERE "Authority" = '{authority}';
            """);
        Assert.Null(await Suite.SupervisionVersionAsync(authority, worker.StaffId));
        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [authority]));
        var readModels = Suite.ReadModels(Suite.Supervision);

        var first = await readModels.RebuildReadModelAsync(new RebuildReadModelRequest { Authority = authority }, operations);
        var second = await readModels.RebuildReadModelAsync(new RebuildReadModelRequest { Authority = authority }, operations);

        Assert.Equal((1, 1, 0), (first.SourcePosts, first.Replaced, first.Removed));
        Assert.Equal((1, 1, 0), (second.SourcePosts, second.Replaced, second.Removed));
        Assert.Equal(await Suite.WorkforceVersionAsync(authority, worker.StaffId), await Suite.SupervisionVersionAsync(authority, worker.StaffId));
        Assert.Equal(5, await Suite.SupervisionRoleOnAsync(authority, worker.StaffId, new DateOnly(2025, 9, 30)));
    }

    [Fact]
    public async Task Operations_calls_need_the_operations_role_the_council_and_valid_fields()
    {
        const string authority = "874";
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [authority]));

        var denied = await Assert.ThrowsAsync<RpcException>(() => Suite.DeadLetters(Suite.Caseload).ListErrorMessagesAsync(new ListErrorMessagesRequest(), analyst).ResponseAsync);
        var otherCouncil = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.ReadModels(Suite.Caseload).RebuildReadModelAsync(new RebuildReadModelRequest { Authority = "875" }, operations).ResponseAsync);
        var invalidList = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.DeadLetters(Suite.Workforce).ListErrorMessagesAsync(new ListErrorMessagesRequest { Queue = "nope", PageSize = 5000 }, operations).ResponseAsync);
        var invalidRedrive = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.DeadLetters(Suite.Caseload).RedriveErrorMessagesAsync(new RedriveErrorMessagesRequest { All = true, MessageIds = { "x" } }, operations).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherCouncil.StatusCode);
        Assert.Equal(["page_size", "queue"], Violations(invalidList));
        Assert.Equal(["message_ids", "message_ids[0]"], Violations(invalidRedrive));
    }

    private async Task<TargetProgressReply> ProgressAsync(string authority)
    {
        var reply = await Suite.CaseAllocations().GetTargetProgressAsync(
            new TargetProgressRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30) },
            Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority])));
        // When the latest change was recorded is not a figure: a rebuild takes it from the change log, not the event.
        reply.Freshness = null;
        return reply;
    }

    private static List<string> Violations(RpcException exception) =>
        exception.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal).ToList();
}
