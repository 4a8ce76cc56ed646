using Caseload.V1;
using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;
using StaffChange = Workforce.V1.StaffChange;

namespace Workforce.IntegrationTests;

/// <summary>
/// Workers pushed to the workforce service, cases to the caseload service: the caseload service learns the workers
/// through the broker and reproduces councils' published DfE average caseloads (domain.md §2).
/// </summary>
public sealed class CaseloadOverGrpcTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Theory]
    [InlineData("841", 2025, 1027, 64.3, 16.0)]
    [InlineData("840", 2025, 4378, 264.4, 16.6)]
    [InlineData("E06000005", 2022, 865, 45.2, 19.1)]
    public async Task Published_average_caseloads_are_reproduced_from_workers_and_allocations(string authority, int year, int cases, double caseHoldingFte, double published)
    {
        var asOf = Requests.Day(year, 9, 30);
        var fte = SyntheticFtes(caseHoldingFte);
        var workers = fte.Select((f, i) => Requests.CaseHoldingWorker(authority, i, f)).ToList();
        foreach (var batch in workers.Chunk(1000))
        {
            await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, batch), Suite.Bearer(TestTokens.HrWriter(authority)));
        }

        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == workers.Count, TimeSpan.FromSeconds(60), "the caseload service to learn every worker");

        // Every worker holds at least one case; the rest go round-robin. One case closed on 30 September does not count.
        var allocations = Enumerable.Range(0, cases).Select(i => Requests.OpenCase(authority, i, workers[i % workers.Count].StaffId, Requests.Day(year - 1, 4, 1))).ToList();
        allocations.Add(Requests.OpenCase(authority, cases, workers[0].StaffId, Requests.Day(year - 1, 4, 1)));
        allocations.Add(new AllocationChange { ChangeId = $"{authority}-close", CaseId = $"case-{authority}-{cases}", EffectiveDate = asOf, Close = new Close() });
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        foreach (var batch in allocations.Chunk(1000))
        {
            var request = new RecordAllocationChangesRequest { Authority = authority };
            request.Changes.AddRange(batch);
            var reply = await Suite.CaseAllocations().RecordAllocationChangesAsync(request, writer);
            Assert.All(reply.Results, r => Assert.Equal(ChangeStatus.Applied, r.Status));
        }

        var progress = await Suite.CaseAllocations().GetTargetProgressAsync(
            new TargetProgressRequest { Authority = authority, AsOf = asOf }, Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority])));

        Assert.Equal(cases, progress.Unadjusted.Cases);
        Assert.Equal(caseHoldingFte, progress.Unadjusted.CaseHoldingFte, 6);
        Assert.InRange(progress.Unadjusted.AverageCaseload, published - 0.1, published + 0.1);
        Assert.Equal(18.0, progress.Target);
    }

    [Fact]
    public async Task An_allocation_to_a_worker_not_heard_of_yet_is_unmatched_then_counts_once_the_worker_arrives()
    {
        const string authority = "330";
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        var request = new RecordAllocationChangesRequest { Authority = authority };
        request.Changes.Add(Requests.OpenCase(authority, 1, $"sw-{authority}-0000", Requests.Day(2025, 1, 6)));
        request.Changes.Add(Requests.OpenCase(authority, 2, $"sw-{authority}-0000", Requests.Day(2025, 1, 6)));

        var reply = await Suite.CaseAllocations().RecordAllocationChangesAsync(request, writer);
        var before = await Suite.CaseAllocations().GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30) }, analyst);
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 0.5)), Suite.Bearer(TestTokens.HrWriter(authority)));

        Assert.All(reply.Results, r => Assert.Equal(ChangeStatus.Unmatched, r.Status));
        Assert.Equal((2, 0), (before.UnmatchedCases, before.Unadjusted.Cases));
        await Eventually.True(async () =>
            (await Suite.CaseAllocations().GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30) }, analyst)).Unadjusted.AverageCaseload == 4.0,
            TimeSpan.FromSeconds(30), "the two cases to count at 0.5 FTE once the worker arrives");
    }

    [Fact]
    public async Task A_leaver_pushed_to_workforce_puts_their_open_cases_on_the_reallocation_list_and_a_backdated_fte_change_restates_the_past()
    {
        const string authority = "851";
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        var hr = Suite.Bearer(TestTokens.HrWriter(authority));
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 1.0), Requests.CaseHoldingWorker(authority, 1, 1.0)), hr);
        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == 2, TimeSpan.FromSeconds(30), "the caseload service to learn both workers");
        var request = new RecordAllocationChangesRequest { Authority = authority };
        request.Changes.AddRange(Enumerable.Range(0, 12).Select(i => Requests.OpenCase(authority, i, $"sw-{authority}-{i % 2:0000}", Requests.Day(2025, 1, 6))));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(request, writer);
        var query = new CaseQuery { Authority = authority, AsOf = Requests.Day(2025, 9, 30) };
        Assert.Equal(0, (await Suite.CaseAllocations().GetCasesNeedingReallocationAsync(query, analyst)).Total);

        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, new StaffChange
        {
            ChangeId = $"{authority}-leaver",
            StaffId = $"sw-{authority}-0000",
            EffectiveDate = Requests.Day(2025, 6, 30),
            Leaver = new Workforce.V1.Leaver { Reason = "resigned" },
        }), hr);

        var listed = await Eventually.Get(
            async () => await Suite.CaseAllocations().GetCasesNeedingReallocationAsync(query, analyst) is { Total: 6 } reply ? reply : null,
            TimeSpan.FromSeconds(30),
            "the leaver's six open cases to need reallocation");
        Assert.All(listed.Cases, c => Assert.Equal((ReallocationReason.Left, Requests.Day(2025, 7, 1), 91), (c.Reason, c.Since, c.DaysSince)));

        // A backdated FTE change of the other worker (0.5 from 1 February) restates March's average: 12 cases / 1.5 FTE = 8.
        var march = new TargetProgressRequest { Authority = authority, AsOf = Requests.Day(2025, 3, 31) };
        Assert.Equal(6.0, (await Suite.CaseAllocations().GetTargetProgressAsync(march, analyst)).Unadjusted.AverageCaseload);
        await Suite.StaffRegister().RecordStaffChangesAsync(
            Requests.Batch(authority, Requests.Assignment(staffId: $"sw-{authority}-0001", fte: 0.5, from: Requests.Day(2025, 2, 1))), hr);
        await Eventually.True(
            async () => (await Suite.CaseAllocations().GetTargetProgressAsync(march, analyst)).Unadjusted.AverageCaseload == 8.0,
            TimeSpan.FromSeconds(30), "March's average to be restated after the backdated FTE change");
    }

    [Fact]
    public async Task The_monthly_series_projects_when_the_average_reaches_the_target()
    {
        const string authority = "852";
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 1.0)), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == 1, TimeSpan.FromSeconds(30), "the caseload service to learn the worker");

        // 22 cases from January; one closes at the start of each of February, March and April: 22, 21, 20, 19.
        var request = new RecordAllocationChangesRequest { Authority = authority };
        request.Changes.AddRange(Enumerable.Range(0, 22).Select(i => Requests.OpenCase(authority, i, $"sw-{authority}-0000", Requests.Day(2025, 1, 2))));
        request.Changes.AddRange(Enumerable.Range(0, 3).Select(i => new AllocationChange
        {
            ChangeId = $"{authority}-close-{i}",
            CaseId = $"case-{authority}-{i}",
            EffectiveDate = Requests.Day(2025, 2 + i, 1),
            Close = new Close(),
        }));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(request, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));

        var series = await Suite.CaseAllocations().GetTargetProgressSeriesAsync(
            new TargetProgressSeriesRequest { Authority = authority, From = Requests.Day(2025, 1, 1), To = Requests.Day(2025, 4, 30) },
            Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority])));

        Assert.Equal([22.0, 21.0, 20.0, 19.0], series.Points.Select(p => p.AverageCaseload));
        Assert.Equal((Projection.Projected, -1.0, Requests.Day(2025, 5, 31)), (series.Average.Projection, series.Average.TrendPerMonth, series.Average.ProjectedDate));
        Assert.Equal(Projection.NotAtCurrentTrend, series.EveryWorker.Projection);
    }

    [Fact]
    public async Task Alerts_are_published_once_per_episode_when_a_worker_crosses_a_level_and_when_a_leaver_leaves_open_cases()
    {
        const string authority = "853";
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        await using var bus = await TestBus.StartAsync(Suite.BrokerUri);
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 1.0)), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == 1, TimeSpan.FromSeconds(30), "the caseload service to learn the worker");
        var staffId = $"sw-{authority}-0000";

        async Task AllocateAsync(int from, int count)
        {
            var request = new RecordAllocationChangesRequest { Authority = authority };
            request.Changes.AddRange(Enumerable.Range(from, count).Select(i => Requests.OpenCase(authority, i, staffId, Requests.Day(2025, 1, 6))));
            await Suite.CaseAllocations().RecordAllocationChangesAsync(request, writer);
        }

        await AllocateAsync(0, 19);
        await AllocateAsync(19, 1);
        await AllocateAsync(20, 1);
        var above = await Eventually.Get(
            () => Task.FromResult(bus.Received.OfType<Contracts.CaseloadAboveThreshold>().Where(a => a.Authority == authority).ToList() is { Count: 2 } alerts ? alerts : null),
            TimeSpan.FromSeconds(30), "alerts for crossing 18 and 20");
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, new StaffChange
        {
            ChangeId = $"{authority}-leaver",
            StaffId = staffId,
            EffectiveDate = Requests.Day(2025, 6, 30),
            Leaver = new Workforce.V1.Leaver(),
        }), Suite.Bearer(TestTokens.HrWriter(authority)));
        var leaver = await Eventually.Get(
            () => Task.FromResult(bus.Received.OfType<Contracts.OpenCasesHeldByLeaver>().SingleOrDefault(a => a.Authority == authority)),
            TimeSpan.FromSeconds(30), "an alert for the leaver's open cases");

        // 19 cases crossed 18 (once, though a 20th case followed); 21 crossed 20. 25 was never crossed.
        Assert.Equal([(18m, 19), (20m, 21)], above.Select(a => (a.Level, a.Cases)).Order());
        Assert.Equal(21, leaver.OpenCases);
    }

    [Fact]
    public async Task Duplicated_and_out_of_order_workforce_events_leave_every_figure_unchanged()
    {
        const string authority = "854";
        var staffId = $"sw-{authority}-0000";
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 0.8)), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Suite.WaitForReadModelsAsync(authority, staffId);
        var request = new RecordAllocationChangesRequest { Authority = authority };
        request.Changes.AddRange(Enumerable.Range(0, 10).Select(i => Requests.OpenCase(authority, i, staffId, Requests.Day(2025, 1, 6))));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(request, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        var query = new TargetProgressRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30) };
        var before = await Suite.CaseAllocations().GetTargetProgressAsync(query, analyst);

        // The same version again (under a new message id) and an older one, both with other content, then a marker:
        // consumers take one message at a time in order, so once the marker is applied both were handled.
        var version = await Suite.WorkforceVersionAsync(authority, staffId);
        await using var bus = await TestBus.StartAsync(Suite.BrokerUri);
        await bus.PublishAsync(Changed(authority, staffId, version, 0.2m), Guid.NewGuid());
        await bus.PublishAsync(Changed(authority, staffId, version - 1, 1.0m), Guid.NewGuid());
        await bus.PublishAsync(Changed("855", "marker", 1, 1.0m), Guid.NewGuid());
        await Suite.WaitForReadModelsAsync("855", "marker", 1);

        var after = await Suite.CaseAllocations().GetTargetProgressAsync(query, analyst);
        Assert.Equal(before.Unadjusted, after.Unadjusted);
        Assert.Equal(12.5, after.Unadjusted.AverageCaseload);
    }

    [Fact]
    public async Task The_bulk_feed_commits_chunk_by_chunk_and_stops_at_an_invalid_chunk_saying_where_to_resume()
    {
        const string authority = "856";
        using var call = Suite.CaseAllocations().StreamAllocationChanges(Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));
        RecordAllocationChangesRequest Chunk(params AllocationChange[] changes)
        {
            var chunk = new RecordAllocationChangesRequest { Authority = authority };
            chunk.Changes.AddRange(changes);
            return chunk;
        }

        AllocationChange Unallocated(string caseId) => new() { ChangeId = $"{authority}-{caseId}", CaseId = caseId, EffectiveDate = Requests.Day(2025, 3, 3), Open = new Open() };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(Chunk(Unallocated("a1"), Unallocated("a2")));
            await call.RequestStream.WriteAsync(Chunk(Unallocated("a3"), Unallocated("a1")));
            await call.RequestStream.WriteAsync(Chunk(Unallocated("someone@example.org")));
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        Assert.Contains("resume from chunk 2", error.Status.Detail);
        Assert.Equal("chunks[2].changes[0].case_id", Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations).Field);
        var unallocated = await Suite.CaseAllocations().GetUnallocatedCasesAsync(
            new CaseQuery { Authority = authority, AsOf = Requests.Day(2025, 9, 30) }, Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority])));
        Assert.Equal(["a1", "a2", "a3"], unallocated.Cases.Select(c => c.CaseId));
        Assert.Equal(0.0, unallocated.AllocatedPercent);
    }

    [Fact]
    public async Task Caseloads_per_worker_sort_by_cases_per_fte_and_page()
    {
        const string authority = "857";
        await Suite.StaffRegister().RecordStaffChangesAsync(
            Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 1.0), Requests.CaseHoldingWorker(authority, 1, 0.5), Requests.CaseHoldingWorker(authority, 2, 1.0)), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == 3, TimeSpan.FromSeconds(30), "the caseload service to learn the workers");
        var request = new RecordAllocationChangesRequest { Authority = authority };
        var holders = Enumerable.Repeat(0, 10).Concat(Enumerable.Repeat(1, 8)).Concat(Enumerable.Repeat(2, 12)).ToList();
        request.Changes.AddRange(holders.Select((worker, i) => Requests.OpenCase(authority, i, $"sw-{authority}-{worker:0000}", Requests.Day(2025, 1, 6))));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(request, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority])));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));

        var list = new ListCaseloadsRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30), Order = CaseloadOrder.CasesPerFteDescending, PageSize = 2 };
        var first = await Suite.CaseAllocations().ListCaseloadsAsync(list, analyst);
        list.PageToken = first.NextPageToken;
        var second = await Suite.CaseAllocations().ListCaseloadsAsync(list, analyst);

        // Per FTE: worker 1 has 8 / 0.5 = 16, worker 2 12, worker 0 10.
        Assert.Equal([(16.0, 8), (12.0, 12), (10.0, 10)], first.Workers.Concat(second.Workers).Select(w => (w.CasesPerFte, w.Cases)));
        Assert.Equal((3, ""), (first.TotalSize, second.NextPageToken));
        Assert.All(first.Workers.Concat(second.Workers), w => Assert.True(w.AtOrUnderTarget));
    }

    [Fact]
    public async Task A_case_id_that_looks_like_personal_data_is_refused()
    {
        var request = new RecordAllocationChangesRequest { Authority = "841" };
        request.Changes.Add(new AllocationChange { ChangeId = "x1", CaseId = "jo.bloggs@example.org", EffectiveDate = Requests.Day(2025, 1, 6), Open = new Open() });
        request.Changes.Add(new AllocationChange { ChangeId = "x2", CaseId = "child-2014-03-07", EffectiveDate = Requests.Day(2025, 1, 6), Open = new Open() });
        request.Changes.Add(new AllocationChange { ChangeId = "x3", CaseId = "Jo Bloggs", EffectiveDate = Requests.Day(2025, 1, 6), Open = new Open() });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.CaseAllocations().RecordAllocationChangesAsync(request, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], ["841"]))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["changes[0].case_id", "changes[1].case_id", "changes[2].case_id"],
            error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
    }

    /// <summary>Whole-time workers and one part-time worker whose FTEs sum exactly to <paramref name="total"/>.</summary>
    private static List<double> SyntheticFtes(double total)
    {
        var tenths = (int)Math.Round(total * 10);
        var whole = (tenths - 1) / 10;
        return [.. Enumerable.Repeat(1.0, whole), (tenths - (whole * 10)) / 10.0];
    }

    private static Contracts.StaffMemberChanged Changed(string authority, string staffId, long version, decimal fte) => new(
        authority,
        staffId,
        version,
        DateTimeOffset.UtcNow,
        [new Contracts.AssignmentPeriod(new DateOnly(2020, 1, 1), null, "assessment-1", 5, Contracts.ContractType.Employed, fte, true, true)]);
}
