using Caseload.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Supervision.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;
using BenchmarksApi = Benchmarks.V1.Benchmarks;

namespace Workforce.IntegrationTests;

/// <summary>
/// Who may call what, over the wire, for every RPC of every service (enumerated from the descriptors): a token, its
/// role, its authorities and its teams; and the audit of absence reads.
/// </summary>
public sealed class AccessTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Authority = "870";

    /// <summary>The role each RPC admits (the README's table); every RPC not named here is for analysts.</summary>
    private static readonly Dictionary<string, string> Writers = new()
    {
        ["workforce.v1.StaffRegister/RecordStaffChanges"] = WorkforceRoles.HrWriter,
        ["workforce.v1.StaffRegister/StreamStaffChanges"] = WorkforceRoles.HrWriter,
        ["workforce.v1.StaffRegister/SetCouncilSettings"] = WorkforceRoles.Operations,
        ["caseload.v1.CaseAllocations/RecordAllocationChanges"] = WorkforceRoles.CaseWriter,
        ["caseload.v1.CaseAllocations/RecordReportedCaseloads"] = WorkforceRoles.CaseWriter,
        ["caseload.v1.CaseAllocations/StreamAllocationChanges"] = WorkforceRoles.CaseWriter,
        ["supervision.v1.SupervisionRecords/RecordSessions"] = WorkforceRoles.SupervisionWriter,
        ["supervision.v1.SupervisionRecords/StreamSessions"] = WorkforceRoles.SupervisionWriter,
    };

    private Suite Suite => fixture.Suite;

    private IEnumerable<(ServiceProcess Service, MethodDescriptor Rpc)> EveryRpc() =>
        new[]
        {
            (Suite.Workforce, StaffRegister.Descriptor), (Suite.Workforce, BenchmarksApi.Descriptor), (Suite.Caseload, CaseAllocations.Descriptor),
            (Suite.Caseload, BenchmarksApi.Descriptor), (Suite.Supervision, SupervisionRecords.Descriptor),
        }
            .SelectMany(s => s.Item2.Methods.Select(rpc => (s.Item1, rpc)));

    [Fact]
    public async Task Every_RPC_needs_a_token_and_refuses_an_authority_the_token_does_not_name()
    {
        var everyRole = TestTokens.Create(WorkforceRoles.All, ["840"]);
        var wrong = new List<string>();
        foreach (var (service, rpc) in EveryRpc())
        {
            using var channel = service.CreateChannel();
            var anonymous = await CallAsync(channel, rpc, Authority, []);
            var otherCouncil = await CallAsync(channel, rpc, Authority, Suite.Bearer(everyRole));
            if (anonymous != StatusCode.Unauthenticated || otherCouncil != StatusCode.PermissionDenied)
            {
                wrong.Add($"{rpc.FullName}: no token {anonymous}, another council's token {otherCouncil}");
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(32, EveryRpc().Count());
    }

    [Fact]
    public async Task Every_RPC_admits_exactly_its_documented_role()
    {
        var wrong = new List<string>();
        foreach (var (service, rpc) in EveryRpc())
        {
            using var channel = service.CreateChannel();
            var admitted = new List<string>();
            foreach (var role in WorkforceRoles.All)
            {
                // An empty request: the right role gets past authorization (to INVALID_ARGUMENT, NOT_FOUND or an answer) and nothing is written.
                var status = await CallAsync(channel, rpc, Authority, Suite.Bearer(TestTokens.Create([role], [Authority])));
                if (status is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated))
                {
                    admitted.Add(role);
                }
            }

            var expected = Writers.GetValueOrDefault($"{rpc.Service.FullName}/{rpc.Name}", WorkforceRoles.Analyst);
            if (admitted.Count != 1 || admitted[0] != expected)
            {
                wrong.Add($"{rpc.FullName}: admits [{string.Join(", ", admitted)}], documented {expected}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_team_scoped_analyst_sees_worker_and_case_lists_of_its_team_only_and_aggregates_of_the_authority()
    {
        await RecordTwoTeamsAsync();
        var manager = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority], teams: ["team-a"]));
        var asOf = Requests.Day(2025, 6, 30);
        var register = Suite.StaffRegister();
        var caseload = Suite.CaseAllocations();
        var supervision = Suite.SupervisionRecords();

        var staff = await register.ListStaffAsync(new ListStaffRequest { Authority = Authority, Team = "team-a", AsOf = asOf }, manager);
        var member = await register.GetStaffMemberAsync(new GetStaffMemberRequest { Authority = Authority, StaffId = "a-1", AsOf = asOf }, manager);
        var rate = await register.GetAgencyRateAsync(new FigureRequest { Authority = Authority, AsOf = asOf }, manager);
        var caseloads = await caseload.ListCaseloadsAsync(new ListCaseloadsRequest { Authority = Authority, Team = "team-a", AsOf = asOf }, manager);
        var reallocation = await caseload.GetCasesNeedingReallocationAsync(new CaseQuery { Authority = Authority, Team = "team-a", AsOf = asOf }, manager);
        var progress = await caseload.GetTargetProgressAsync(new TargetProgressRequest { Authority = Authority, AsOf = asOf }, manager);
        var overdue = await supervision.ListOverdueAsync(new RegularityRequest { Authority = Authority, Team = "team-a", AsOf = asOf }, manager);
        var history = await supervision.GetSupervisionHistoryAsync(new SupervisionHistoryRequest { Authority = Authority, StaffId = "a-1", From = Requests.Day(2025, 1, 1), To = asOf }, manager);
        var regularity = await supervision.GetRegularityAsync(new RegularityRequest { Authority = Authority, AsOf = asOf }, manager);

        Assert.Equal(["a-1"], staff.Staff.Select(s => s.StaffId));
        Assert.True(member.InPost);
        Assert.Equal(2, rate.EmployedHeadcount);
        Assert.Equal([("a-1", 1)], caseloads.Workers.Select(w => (w.StaffId, w.Cases)));
        Assert.Equal(0, reallocation.Total);
        Assert.Equal(2, progress.Unadjusted.Cases);
        Assert.Equal(["a-1"], overdue.Staff.Select(s => s.StaffId));
        Assert.Equal("a-1", history.StaffId);
        Assert.Equal(2, regularity.SupervisedStaff);

        var refused = new Dictionary<string, Func<Task>>
        {
            ["ListStaff team-b"] = () => register.ListStaffAsync(new ListStaffRequest { Authority = Authority, Team = "team-b", AsOf = asOf }, manager).ResponseAsync,
            ["ListStaff whole authority"] = () => register.ListStaffAsync(new ListStaffRequest { Authority = Authority, AsOf = asOf }, manager).ResponseAsync,
            ["GetStaffMember b-1"] = () => register.GetStaffMemberAsync(new GetStaffMemberRequest { Authority = Authority, StaffId = "b-1", AsOf = asOf }, manager).ResponseAsync,
            ["ListCaseloads whole authority"] = () => caseload.ListCaseloadsAsync(new ListCaseloadsRequest { Authority = Authority, AsOf = asOf }, manager).ResponseAsync,
            ["GetCasesNeedingReallocation team-b"] = () => caseload.GetCasesNeedingReallocationAsync(new CaseQuery { Authority = Authority, Team = "team-b", AsOf = asOf }, manager).ResponseAsync,
            ["GetUnallocatedCases"] = () => caseload.GetUnallocatedCasesAsync(new CaseQuery { Authority = Authority, Team = "team-a", AsOf = asOf }, manager).ResponseAsync,
            ["ListOverdue whole authority"] = () => supervision.ListOverdueAsync(new RegularityRequest { Authority = Authority, AsOf = asOf }, manager).ResponseAsync,
            ["GetSupervisionHistory b-1"] = () => supervision.GetSupervisionHistoryAsync(
                new SupervisionHistoryRequest { Authority = Authority, StaffId = "b-1", From = Requests.Day(2025, 1, 1), To = asOf }, manager).ResponseAsync,
            ["RecordStaffChanges"] = () => register.RecordStaffChangesAsync(Requests.Batch(Authority, Requests.Assignment()),
                Suite.Bearer(TestTokens.Create([WorkforceRoles.HrWriter], [Authority], teams: ["team-a"]))).ResponseAsync,
        };
        foreach (var (what, call) in refused)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{what}: {error.Status}");
        }
    }

    [Fact]
    public async Task A_read_of_sickness_absence_figures_is_audited_with_the_subject_and_scope()
    {
        var subject = "auditor-" + Guid.NewGuid().ToString("N")[..8];
        var token = Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority], subject: subject));

        await Suite.StaffRegister().GetWorkforceStabilityAsync(new FigureRequest { Authority = Authority, Team = "team-x", AsOf = Requests.Day(2025, 6, 30) }, token);
        await Suite.StaffRegister().GetAgencyRateAsync(new FigureRequest { Authority = Authority, AsOf = Requests.Day(2025, 6, 30) }, token);

        var line = await Eventually.Get(
            () => Task.FromResult(Suite.Workforce.Output.Split('\n').SingleOrDefault(l => l.Contains($"subject {subject}", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), "the audit record in the workforce service's log");
        Assert.Contains($"called /workforce.v1.StaffRegister/GetWorkforceStability for authority {Authority}, team 'team-x'", line);
        Assert.Contains("Workforce.Audit", Suite.Workforce.Output);
    }

    private async Task RecordTwoTeamsAsync()
    {
        var a1 = Requests.Assignment(staffId: "a-1", from: Requests.Day(2020, 1, 1), changeId: "a-1-start");
        a1.Assignment.Team = "team-a";
        var b1 = Requests.Assignment(staffId: "b-1", from: Requests.Day(2020, 1, 1), changeId: "b-1-start");
        b1.Assignment.Team = "team-b";
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, a1, b1), Suite.Bearer(TestTokens.HrWriter(Authority)));
        var cases = new RecordAllocationChangesRequest { Authority = Authority };
        cases.Changes.Add(Requests.OpenCase(Authority, 1, "a-1", Requests.Day(2025, 1, 6)));
        cases.Changes.Add(Requests.OpenCase(Authority, 2, "b-1", Requests.Day(2025, 1, 6)));
        await Suite.CaseAllocations().RecordAllocationChangesAsync(cases, Suite.Bearer(TestTokens.Create([WorkforceRoles.CaseWriter], [Authority])));
        await Suite.WaitForReadModelsAsync(Authority, "a-1");
        await Suite.WaitForReadModelsAsync(Authority, "b-1");
    }

    /// <summary>Calls any RPC with an empty request naming <paramref name="authority"/> (one chunk for a client stream) and returns its status.</summary>
    private static async Task<StatusCode> CallAsync(GrpcChannel channel, MethodDescriptor rpc, string authority, Metadata headers)
    {
        var request = (IMessage)Activator.CreateInstance(rpc.InputType.ClrType)!;
        if (rpc.InputType.FindFieldByName("authority") is { } single)
        {
            single.Accessor.SetValue(request, authority);
        }
        else
        {
            ((IList<string>)rpc.InputType.FindFieldByName("authorities").Accessor.GetValue(request)).Add(authority);
        }

        var method = new Method<IMessage, IMessage>(
            rpc.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary,
            rpc.Service.FullName,
            rpc.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), rpc.InputType.Parser.ParseFrom),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), rpc.OutputType.Parser.ParseFrom));
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(30));
        try
        {
            if (rpc.IsClientStreaming)
            {
                using var stream = channel.CreateCallInvoker().AsyncClientStreamingCall(method, null, options);
                try
                {
                    await stream.RequestStream.WriteAsync(request);
                    await stream.RequestStream.CompleteAsync();
                }
                catch (Exception written) when (written is RpcException or InvalidOperationException)
                {
                    // The server answered before reading: its status is the response's.
                }

                await stream.ResponseAsync;
            }
            else
            {
                using var unary = channel.CreateCallInvoker().AsyncUnaryCall(method, null, options, request);
                await unary.ResponseAsync;
            }

            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
