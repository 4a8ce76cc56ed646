using Caseload.V1;
using Google.Protobuf.WellKnownTypes;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// Queries answer from each service's cache of built council state. On PostgreSQL a council nobody has changed since
/// it was built answers without reading the database: a service's own write is visible to its next query, another
/// replica's write or a row deleted behind the service's back as soon as PostgreSQL's notification arrives, and
/// known_at answers do not move.
/// </summary>
public sealed class ReadCacheTests(CaseloadReplicasSuiteFixture fixture) : IClassFixture<CaseloadReplicasSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task The_register_follows_writes_and_deletes_and_known_at_answers_stand()
    {
        const string authority = "851";
        var client = Suite.StaffRegister();
        var writer = Suite.Bearer(TestTokens.HrWriter(authority));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        FigureRequest Figures(DateTimeOffset? knownAt = null) =>
            new() { Authority = authority, AsOf = Requests.Day(2025, 9, 30), KnownAt = knownAt is { } at ? Timestamp.FromDateTimeOffset(at) : null };

        await client.RecordStaffChangesAsync(Requests.Batch(authority, Requests.Assignment("a", 1.0), Requests.Assignment("b", 1.0)), writer);
        Assert.Equal(2.0, (await client.GetAgencyRateAsync(Figures(), analyst)).EmployedFte, 9);
        await Task.Delay(50);
        var beforeThird = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        // The cache holds 2.0; the very next query sees the service's own write.
        await client.RecordStaffChangesAsync(Requests.Batch(authority, Requests.Assignment("c", 0.5)), writer);
        Assert.Equal(2.5, (await client.GetAgencyRateAsync(Figures(), analyst)).EmployedFte, 9);
        Assert.Equal(2.0, (await client.GetAgencyRateAsync(Figures(beforeThird), analyst)).EmployedFte, 9);

        // Unchanged since it was built, the council answers without reading its log: it answers while the log is locked.
        // (The write's own notification arrives after it and costs one more check: let it arrive, and be checked, first.)
        await Task.Delay(500);
        await client.GetAgencyRateAsync(Figures(), analyst);
        await using (await Suite.LockTableAsync("workforce", "staff_changes"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            Assert.Equal(2.5, (await client.GetAgencyRateAsync(Figures(), analyst, deadline: deadline)).EmployedFte, 9);
            Assert.Equal(2.5, (await client.GetAgencyRateAsync(Figures(), analyst, deadline: deadline)).EmployedFte, 9);
        }

        // Deleted behind the service's back (as an operator's SQL would): the trigger's notification makes the next answer read again.
        await Suite.ExecuteAsync("workforce", $"""DELETE FROM staff_changes WHERE "Authority" = '{authority}' AND "StaffId" = 'a'""");
        await AnswersAsync(1.5, Figures());
        Assert.Equal(1.0, (await client.GetAgencyRateAsync(Figures(beforeThird), analyst)).EmployedFte, 9);

        await Suite.ExecuteAsync("workforce", $"""DELETE FROM staff_changes WHERE "Authority" = '{authority}'""");
        await AnswersAsync(0.0, Figures());

        Task AnswersAsync(double employedFte, FigureRequest request) => Eventually.True(
            async () => Math.Abs((await client.GetAgencyRateAsync(request, analyst)).EmployedFte - employedFte) < 1e-9, Heard, $"employed FTE {employedFte}");
    }

    /// <summary>PostgreSQL delivers a notification within milliseconds of the commit; this allows for a loaded machine.</summary>
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_replica_answers_with_an_allocation_recorded_through_the_other_and_drops_a_deleted_one()
    {
        const string authority = "852";
        await Suite.StaffRegister().RecordStaffChangesAsync(
            Requests.Batch(authority, Requests.CaseHoldingWorker(authority, 0, 1.0)), Suite.Bearer(TestTokens.HrWriter(authority)));
        await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(authority) == 1, TimeSpan.FromSeconds(30), "the caseload service to learn the worker");
        var (first, second) = (Suite.CaseAllocations(Suite.CaseloadReplicas[0]), Suite.CaseAllocations(Suite.CaseloadReplicas[1]));
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        var progress = new TargetProgressRequest { Authority = authority, AsOf = Requests.Day(2025, 9, 30) };
        async Task<int> Second() => (await second.GetTargetProgressAsync(progress, analyst)).Unadjusted.Cases;

        Assert.Equal(0, await Second());

        foreach (var index in new[] { 1, 2 })
        {
            var request = new RecordAllocationChangesRequest { Authority = authority };
            request.Changes.Add(Requests.OpenCase(authority, index, $"sw-{authority}-0000", Requests.Day(2025, 5, 1)));
            await first.RecordAllocationChangesAsync(request, writer);
            await Eventually.True(async () => await Second() == index, Heard, $"{index} cases on the other replica");
        }

        await Suite.ExecuteAsync("caseload", $"""DELETE FROM allocation_changes WHERE "Authority" = '{authority}' AND "CaseId" = 'case-{authority}-1'""");
        await Eventually.True(async () => await Second() == 1, Heard, "the deleted case gone on the other replica");
    }

    [Fact]
    public async Task Reported_caseloads_show_on_their_own_dates_only_and_a_replacement_through_the_other_replica_shows()
    {
        const string authority = "853";
        var (first, second) = (Suite.CaseAllocations(Suite.CaseloadReplicas[0]), Suite.CaseAllocations(Suite.CaseloadReplicas[1]));
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [authority]));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [authority]));
        async Task<int?> ReportedOn(Google.Type.Date day) =>
            (await second.GetTargetProgressAsync(new TargetProgressRequest { Authority = authority, AsOf = day }, analyst)).Reported?.Cases;
        Task ReportAsync(Google.Type.Date day, int cases) => first.RecordReportedCaseloadsAsync(new RecordReportedCaseloadsRequest
        {
            Authority = authority, ReferenceDate = day, Source = "DfE census",
            Workers = { new Caseload.V1.ReportedCaseload { StaffId = $"sw-{authority}-1", Cases = cases, Fte = 1 } },
        }, writer).ResponseAsync;

        await ReportAsync(Requests.Day(2024, 9, 30), 11);
        await ReportAsync(Requests.Day(2025, 9, 30), 17);

        await Eventually.True(async () => await ReportedOn(Requests.Day(2025, 9, 30)) == 17, Heard, "the 2025 report on the other replica");
        Assert.Equal(11, await ReportedOn(Requests.Day(2024, 9, 30)));
        Assert.Null(await ReportedOn(Requests.Day(2025, 3, 31)));

        await ReportAsync(Requests.Day(2025, 9, 30), 19);
        await Eventually.True(async () => await ReportedOn(Requests.Day(2025, 9, 30)) == 19, Heard, "the replaced 2025 report on the other replica");
        Assert.Equal(11, await ReportedOn(Requests.Day(2024, 9, 30)));
    }

    [Fact]
    public async Task Many_council_answers_follow_a_change_to_any_of_their_councils_whoever_makes_it()
    {
        string[] councils = ["854", "855"];
        var hr = Suite.Bearer(TestTokens.Create([WorkforceRoles.HrWriter], councils));
        foreach (var council in councils)
        {
            await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(council, Requests.CaseHoldingWorker(council, 0, 1.0)), hr);
            await Eventually.True(async () => await Suite.CaseloadWorkerCountAsync(council) == 1, TimeSpan.FromSeconds(30), $"the caseload service to learn {council}'s worker");
        }

        var (first, second) = (Suite.CaseAllocations(Suite.CaseloadReplicas[0]), Suite.CaseAllocations(Suite.CaseloadReplicas[1]));
        var writer = Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], councils));
        var analyst = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], councils));
        var sept30 = Requests.Day(2025, 9, 30);
        async Task<string> Answers()
        {
            var progress = await second.BatchGetTargetProgressAsync(new BatchGetTargetProgressRequest { AsOf = sept30 }, analyst);
            var rates = await Suite.StaffRegister().BatchGetAgencyRatesAsync(new BatchGetAgencyRatesRequest { AsOf = sept30 }, analyst);
            return string.Join(" ", progress.Councils.Select(c => $"{c.Authority}:{c.Progress.Unadjusted.Cases}/{c.Progress.Reported?.Cases}")
                .Concat(rates.Councils.Select(c => $"{c.Authority}:{c.Rate.RateByFtePercent:0}%")));
        }

        Assert.Equal("854:0/ 855:0/ 854:0% 855:0%", await Answers());
        Assert.Equal("854:0/ 855:0/ 854:0% 855:0%", await Answers());

        // An allocation through the other replica, a report through it, and an agency worker in the register.
        var open = new RecordAllocationChangesRequest { Authority = "855" };
        open.Changes.Add(Requests.OpenCase("855", 1, "sw-855-0000", Requests.Day(2025, 5, 1)));
        await first.RecordAllocationChangesAsync(open, writer);
        await Eventually.True(async () => await Answers() == "854:0/ 855:1/ 854:0% 855:0%", Heard, "the allocation in the many-council answer");

        await first.RecordReportedCaseloadsAsync(new RecordReportedCaseloadsRequest
        {
            Authority = "854", ReferenceDate = sept30, Source = "DfE census",
            Workers = { new Caseload.V1.ReportedCaseload { StaffId = "sw-854-0000", Cases = 5, Fte = 1 } },
        }, writer);
        await Eventually.True(async () => await Answers() == "854:0/5 855:1/ 854:0% 855:0%", Heard, "the report in the many-council answer");

        var agency = Requests.Assignment(fte: 1.0, from: Requests.Day(2025, 6, 1));
        agency.Assignment.Contract = ContractType.Agency;
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("854", agency), hr);
        await Eventually.True(async () => await Answers() == "854:0/5 855:1/ 854:50% 855:0%", Heard, "the agency worker in the many-council answer");

        // Operators' SQL is heard too.
        await Suite.ExecuteAsync("caseload", """DELETE FROM allocation_changes WHERE "Authority" = '855'""");
        await Eventually.True(async () => await Answers() == "854:0/5 855:0/ 854:50% 855:0%", Heard, "the deleted case gone from the many-council answer");
    }
}
