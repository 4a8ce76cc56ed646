using Caseload.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;
using StaffChange = Workforce.V1.StaffChange;

namespace Workforce.IntegrationTests;

/// <summary>
/// Two caseload processes on one PostgreSQL database, competing for the same queues: staffing events are shared
/// between them and allocations go to either, yet every event is applied once and both give the same answers.
/// </summary>
public sealed class CaseloadReplicasTests(CaseloadReplicasSuiteFixture fixture) : IClassFixture<CaseloadReplicasSuiteFixture>
{
    private const string Authority = "842";
    private const int Workers = 7;

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task Replicas_sharing_a_queue_apply_every_event_once_and_answer_alike_after_a_mixed_batch()
    {
        var (first, second) = (Suite.CaseloadReplicas[0], Suite.CaseloadReplicas[1]);
        var eventsBefore = await Suite.OutboxEventCountAsync("workforce", "StaffMemberChanged");

        // Staffing changes and allocations arrive together; each worker's versions follow each other closely, so
        // the two replicas often apply versions of the same worker at the same time.
        await Task.WhenAll(PushStaffChangesAsync(), PushAllocationsAsync(first, second));

        var staffIds = Enumerable.Range(0, Workers + 1).Select(StaffId).ToList();
        foreach (var staffId in staffIds)
        {
            var version = await Suite.WorkforceVersionAsync(Authority, staffId);
            await Eventually.True(async () => await Suite.CaseloadVersionAsync(Authority, staffId) == version, TimeSpan.FromSeconds(60), $"caseload to hold version {version} of {staffId}");
        }

        var events = await Suite.OutboxEventCountAsync("workforce", "StaffMemberChanged");
        await Eventually.True(async () => await Suite.InboxCountAsync("caseload", "StaffMemberChangedConsumer") == events, TimeSpan.FromSeconds(30), $"caseload to record all {events} events");
        Assert.Equal(Workers + 1 + 3 * Workers + 1, events - eventsBefore);

        // Both consumers of the one queue took part (management statistics catch up within seconds).
        using var admin = RabbitMqAdmin.ForTestBroker();
        await Eventually.True(
            async () => await admin.DeliveriesPerConsumerAsync(Suite.VirtualHost, "caseload-staff-member-changed") is { Count: 2 } deliveries && deliveries.All(d => d > 0),
            TimeSpan.FromSeconds(30),
            "both replicas to have consumed staffing events");

        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority]));
        foreach (var asOf in new[] { Requests.Day(2025, 4, 30), Requests.Day(2025, 7, 31), Requests.Day(2025, 9, 30) })
        {
            var progress = new TargetProgressRequest { Authority = Authority, AsOf = asOf };
            var list = new ListCaseloadsRequest { Authority = Authority, AsOf = asOf };
            Assert.Equal(await Suite.CaseAllocations(first).GetTargetProgressAsync(progress, analyst), await Suite.CaseAllocations(second).GetTargetProgressAsync(progress, analyst));
            Assert.Equal(await Suite.CaseAllocations(first).ListCaseloadsAsync(list, analyst), await Suite.CaseAllocations(second).ListCaseloadsAsync(list, analyst));
        }

        // And alike means right: 35 open cases, five with each worker, who are all at 0.7 FTE by then.
        var september = await Suite.CaseAllocations(second).GetTargetProgressAsync(new TargetProgressRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 30) }, analyst);
        var caseloads = await Suite.CaseAllocations(first).ListCaseloadsAsync(new ListCaseloadsRequest { Authority = Authority, AsOf = Requests.Day(2025, 9, 30) }, analyst);
        Assert.Equal((35, 4.9, 0), (september.Unadjusted.Cases, Math.Round(september.Unadjusted.CaseHoldingFte, 6), september.UnmatchedCases));
        Assert.All(caseloads.Workers, w => Assert.Equal((5, 0.7), (w.Cases, Math.Round(w.Fte, 6))));
        Assert.Equal(Workers, caseloads.Workers.Count);
    }

    [Fact]
    public async Task Allocations_taking_workers_over_the_target_through_both_replicas_at_once_count_together_and_alert_once()
    {
        const string authority = "843";
        const int workers = 20;
        var staff = Enumerable.Range(0, workers).Select(i => Requests.Assignment($"sw-{authority}-{i:0000}", 1.0, Requests.Day(2025, 4, 1))).ToArray();
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, staff), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == workers, TimeSpan.FromSeconds(30), "the caseload service to learn every worker");
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        var clients = Suite.CaseloadReplicas.Select(r => Suite.CaseAllocations(r)).ToList();
        foreach (var (client, r) in clients.Select((c, r) => (c, r)))
        {
            // Each replica connected and its write path warm, so the two writes below really run at the same time.
            var unallocated = new RecordAllocationChangesRequest { Authority = authority };
            unallocated.Changes.Add(Open(authority, 1000 + r, "", Requests.Day(2025, 4, 1)));
            await client.RecordAllocationChangesAsync(unallocated, writer);
        }

        // Ten cases for every worker through each replica: neither batch alone takes anyone above 18, both together do.
        var replies = await Task.WhenAll(clients.Select((client, r) =>
        {
            var request = new RecordAllocationChangesRequest { Authority = authority };
            request.Changes.AddRange(staff.SelectMany((worker, w) =>
                Enumerable.Range(20 * w + 10 * r, 10).Select(i => Open(authority, i, worker.StaffId, Requests.Day(2025, 4, 1)))));
            return client.RecordAllocationChangesAsync(request, writer).ResponseAsync;
        }));

        Assert.All(replies.SelectMany(r => r.Results), r => Assert.Equal(ChangeStatus.Applied, r.Status));
        Assert.Equal(workers, await Suite.OutboxEventCountAsync("caseload", "CaseloadAboveThreshold"));
    }

    private static string StaffId(int index) => $"sw-{Authority}-{index:0000}";

    /// <summary>Seven case-holding workers and one who leaves holding no case; then three rounds of FTE changes, a batch each.</summary>
    private async Task PushStaffChangesAsync()
    {
        var hr = Suite.Bearer(TestTokens.HrWriter(Authority));
        var register = Suite.StaffRegister();
        var starters = Enumerable.Range(0, Workers + 1).Select(i => Requests.Assignment(StaffId(i), 1.0, Requests.Day(2025, 4, 1))).ToArray();
        await register.RecordStaffChangesAsync(Requests.Batch(Authority, starters), hr);
        foreach (var (month, fte) in new[] { (5, 0.9), (6, 0.8), (7, 0.7) })
        {
            var changes = Enumerable.Range(0, Workers).Select(i => Requests.Assignment(StaffId(i), fte, Requests.Day(2025, month, 1))).ToArray();
            await register.RecordStaffChangesAsync(Requests.Batch(Authority, changes), hr);
        }

        await register.RecordStaffChangesAsync(Requests.Batch(Authority, new StaffChange
        {
            ChangeId = $"{Authority}-leaver",
            StaffId = StaffId(Workers),
            EffectiveDate = Requests.Day(2025, 8, 31),
            Leaver = new V1.Leaver { Reason = "resigned" },
        }), hr);
    }

    /// <summary>
    /// Through the first replica, five cases for each worker from April; through the second, one case of each moves
    /// to the next worker in August, one more each is opened and one each is closed in September.
    /// </summary>
    private async Task PushAllocationsAsync(ServiceProcess first, ServiceProcess second)
    {
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [Authority]));
        var opened = Enumerable.Range(0, 5 * Workers).Select(i => Open(Authority, i, StaffId(i % Workers), Requests.Day(2025, 4, 1)));
        await RecordAsync(first, writer, opened);

        var transfers = Enumerable.Range(0, Workers).Select(i => new AllocationChange
        {
            ChangeId = $"{Authority}-transfer-{i}",
            CaseId = CaseId(i),
            EffectiveDate = Requests.Day(2025, 8, 1),
            Allocate = new Allocate { StaffId = StaffId((i + 1) % Workers) },
        });
        var closed = Enumerable.Range(Workers, Workers).Select(i => new AllocationChange
        {
            ChangeId = $"{Authority}-close-{i}",
            CaseId = CaseId(i),
            EffectiveDate = Requests.Day(2025, 9, 1),
            Close = new Close(),
        });
        var more = Enumerable.Range(5 * Workers, Workers).Select(i => Open(Authority, i, StaffId(i % Workers), Requests.Day(2025, 8, 15)));
        await RecordAsync(second, writer, transfers.Concat(closed).Concat(more));
    }

    private async Task RecordAsync(ServiceProcess replica, Grpc.Core.Metadata writer, IEnumerable<AllocationChange> changes)
    {
        var request = new RecordAllocationChangesRequest { Authority = Authority };
        request.Changes.AddRange(changes);
        var reply = await Suite.CaseAllocations(replica).RecordAllocationChangesAsync(request, writer);
        // A worker whose starter event has not reached either replica yet is unmatched, and counts once it does.
        Assert.All(reply.Results, r => Assert.Contains(r.Status, new[] { ChangeStatus.Applied, ChangeStatus.Unmatched }));
    }

    private static string CaseId(int index, string authority = Authority) => $"case-{authority}-{index}";

    private static AllocationChange Open(string authority, int index, string staffId, Google.Type.Date day) => new()
    {
        ChangeId = $"{authority}-open-{index}",
        CaseId = CaseId(index, authority),
        EffectiveDate = day,
        Open = new Open { Category = CaseCategory.ChildInNeed, StaffId = staffId },
    };
}
