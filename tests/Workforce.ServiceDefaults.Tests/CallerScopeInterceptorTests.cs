using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workforce.ServiceDefaults.Audit;
using Workforce.ServiceDefaults.Auth;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class CallerScopeInterceptorTests
{
    private const string Rpc = "/workforce.v1.StaffRegister/ListStaff";
    private readonly RecordingLogs _logs = new();
    private readonly CallerScopeInterceptor _interceptor;

    public CallerScopeInterceptorTests() => _interceptor = new CallerScopeInterceptor(LoggerFactory.Create(b => b.AddProvider(_logs)), TimeProvider.System);

    [Fact]
    public async Task An_authority_missing_from_the_token_is_PERMISSION_DENIED_before_the_handler_runs()
    {
        var call = FakeCall.For(Rpc, FakeCall.Caller("u1", ["840"]), new DisclosesAttribute(Disclosure.Aggregates));

        var (error, ran) = await Run(new ScopedRequest { Authority = "841" }, call);

        Assert.Equal(StatusCode.PermissionDenied, error?.StatusCode);
        Assert.False(ran);
    }

    [Theory]
    [InlineData(Disclosure.TeamRows, "team-a", true)]
    [InlineData(Disclosure.TeamRows, "team-b", false)]
    [InlineData(Disclosure.TeamRows, "", false)]
    [InlineData(Disclosure.Aggregates, "", true)]
    [InlineData(Disclosure.Aggregates, "team-b", true)]
    [InlineData(Disclosure.StaffMember, "", true)]
    [InlineData(Disclosure.AuthorityRows, "team-a", false)]
    [InlineData(Disclosure.Writes, "team-a", false)]
    public async Task A_team_scoped_caller_gets_worker_level_rows_of_its_own_teams_only(Disclosure disclosure, string team, bool allowed)
    {
        var call = FakeCall.For(Rpc, FakeCall.Caller("manager", ["841"], "team-a", "team-c"), new DisclosesAttribute(disclosure));

        var (error, ran) = await Run(new ScopedRequest { Authority = "841", Team = team }, call);

        Assert.Equal(allowed, ran);
        Assert.Equal(allowed ? null : StatusCode.PermissionDenied, error?.StatusCode);
    }

    [Theory]
    [InlineData(Disclosure.TeamRows)]
    [InlineData(Disclosure.AuthorityRows)]
    [InlineData(Disclosure.Writes)]
    public async Task A_caller_without_team_claims_sees_the_whole_authority(Disclosure disclosure)
    {
        var call = FakeCall.For(Rpc, FakeCall.Caller("analyst", ["841"]), new DisclosesAttribute(disclosure));

        var (error, ran) = await Run(new ScopedRequest { Authority = "841" }, call);

        Assert.Null(error);
        Assert.True(ran);
    }

    [Fact]
    public async Task An_RPC_that_declares_nothing_is_refused_and_an_anonymous_one_passes()
    {
        var (undeclared, ranUndeclared) = await Run(new ScopedRequest { Authority = "841" }, FakeCall.For(Rpc, FakeCall.Caller("u", ["841"])));
        var (anonymous, ranAnonymous) = await Run(new ScopedRequest(), FakeCall.Anonymous("/grpc.health.v1.Health/Check"));

        Assert.Equal(StatusCode.PermissionDenied, undeclared?.StatusCode);
        Assert.False(ranUndeclared);
        Assert.Null(anonymous);
        Assert.True(ranAnonymous);
    }

    [Fact]
    public async Task Every_chunk_of_a_client_stream_is_checked_as_it_is_read()
    {
        var call = FakeCall.For("/workforce.v1.StaffRegister/StreamStaffChanges", FakeCall.Caller("hr", ["841"]), new DisclosesAttribute(Disclosure.Writes));
        var read = new List<string>();

        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ClientStreamingServerHandler(
            new ListReader<ScopedRequest>(new() { Authority = "841" }, new() { Authority = "840" }, new() { Authority = "841" }),
            call,
            async (stream, _) =>
            {
                while (await stream.MoveNext(CancellationToken.None))
                {
                    read.Add(stream.Current.Authority);
                }

                return new ScopedRequest();
            }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(["841"], read);
    }

    [Fact]
    public async Task A_read_of_absence_data_is_audited_with_who_what_and_which_scope()
    {
        var call = FakeCall.For("/workforce.v1.StaffRegister/GetWorkforceStability", FakeCall.Caller("manager-7", ["841"], "team-a"),
            new DisclosesAttribute(Disclosure.Aggregates) { Absence = true });

        await Run(new ScopedRequest { Authority = "841", Team = "team-a" }, call);

        var (category, message) = Assert.Single(_logs.Records);
        Assert.Equal("Workforce.Audit", category);
        Assert.Contains("subject manager-7", message);
        Assert.Contains("/workforce.v1.StaffRegister/GetWorkforceStability", message);
        Assert.Contains("authority 841, team 'team-a'", message);
        Assert.Contains($" at {DateTimeOffset.UtcNow:yyyy-MM-dd}", message);
    }

    [Fact]
    public async Task Other_reads_and_refused_reads_of_absence_data_are_not_audited()
    {
        await Run(new ScopedRequest { Authority = "841" }, FakeCall.For(Rpc, FakeCall.Caller("u", ["841"]), new DisclosesAttribute(Disclosure.Aggregates)));
        await Run(new ScopedRequest { Authority = "841" }, FakeCall.For(Rpc, FakeCall.Caller("u", ["840"]), new DisclosesAttribute(Disclosure.Aggregates) { Absence = true }));

        Assert.Empty(_logs.Records);
    }

    [Fact]
    public async Task The_audit_record_is_written_before_the_answer_with_who_which_scope_and_no_request_values()
    {
        var trail = new Trail();
        var call = FakeCall.For("/workforce.v1.StaffRegister/GetWorkforceStability", FakeCall.Caller("manager-7", ["841"], "team-b", "team-a"),
            new DisclosesAttribute(Disclosure.Aggregates) { Absence = true }).WithServices(new ServiceCollection().AddSingleton<IAuditTrail>(trail).BuildServiceProvider());

        var (error, ran) = await Run(new ScopedRequest { Authority = "841", Team = "team-a" }, call);

        Assert.Null(error);
        Assert.True(ran);
        var record = Assert.Single(trail.Records);
        Assert.Equal(("manager-7", "841", "team-a", "team-a,team-b", "/workforce.v1.StaffRegister/GetWorkforceStability", "Aggregates"),
            (record.Subject, record.Authority, record.Team, record.CallerTeams, record.Rpc, record.Disclosure));
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - record.ReadAtUnixMs, 0, 60_000);
    }

    [Fact]
    public async Task A_read_whose_audit_record_cannot_be_written_is_not_answered()
    {
        var trail = new Trail { Fails = true };
        var call = FakeCall.For("/workforce.v1.StaffRegister/GetWorkforceStability", FakeCall.Caller("u", ["841"]),
            new DisclosesAttribute(Disclosure.Aggregates) { Absence = true }).WithServices(new ServiceCollection().AddSingleton<IAuditTrail>(trail).BuildServiceProvider());

        var (error, _) = await Run(new ScopedRequest { Authority = "841" }, call);

        Assert.Equal(StatusCode.Unavailable, error?.StatusCode);
        Assert.Empty(trail.Records);
    }

    [Theory]
    [InlineData(new[] { "841", "840" }, true)]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "841", "839" }, false)]
    public async Task A_many_council_read_needs_every_council_it_names_in_the_token(string[] asked, bool allowed)
    {
        var call = FakeCall.For(Rpc, FakeCall.Caller("regional", ["840", "841"]), new DisclosesAttribute(Disclosure.Councils));

        var (error, ran) = await Run(new CouncilsRequest { Authorities = { asked } }, call);

        Assert.Equal(allowed, ran);
        Assert.Equal(allowed ? null : StatusCode.PermissionDenied, error?.StatusCode);
    }

    [Fact]
    public async Task A_team_scoped_caller_and_a_malformed_code_are_refused_a_many_council_read()
    {
        var disclosure = new DisclosesAttribute(Disclosure.Councils);

        var (teamScoped, _) = await Run(new CouncilsRequest { Authorities = { "841" } }, FakeCall.For(Rpc, FakeCall.Caller("manager", ["841"], "team-a"), disclosure));
        var (malformed, ran) = await Run(new CouncilsRequest { Authorities = { "841", "8\n41" } }, FakeCall.For(Rpc, FakeCall.Caller("regional", ["841"]), disclosure));

        Assert.Equal(StatusCode.PermissionDenied, teamScoped?.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed?.StatusCode);
        Assert.Contains("'authorities[1]'", malformed!.Status.Detail, StringComparison.Ordinal);
        Assert.False(ran);
    }

    [Fact]
    public async Task A_many_council_read_of_absence_data_is_one_audit_record_per_council_it_answers_for()
    {
        var trail = new Trail();
        FakeCall Call() => FakeCall.For("/workforce.v1.StaffRegister/BatchGetAgencyRates", FakeCall.Caller("regional", ["842", "840", "841"]),
            new DisclosesAttribute(Disclosure.Councils) { Absence = true }).WithServices(new ServiceCollection().AddSingleton<IAuditTrail>(trail).BuildServiceProvider());

        await Run(new CouncilsRequest { Authorities = { "841", "842" } }, Call());
        Assert.Equal(["841", "842"], trail.Records.Select(r => r.Authority));

        trail.Records.Clear();
        await Run(new CouncilsRequest(), Call());
        Assert.Equal(["840", "841", "842"], trail.Records.Select(r => r.Authority));
        Assert.All(trail.Records, r => Assert.Equal(("regional", "Councils"), (r.Subject, r.Disclosure)));
    }

    private sealed class Trail : IAuditTrail
    {
        public bool Fails { get; init; }

        public List<AuditRecord> Records { get; } = [];

        public Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
        {
            if (Fails)
            {
                throw new InvalidOperationException("database is locked");
            }

            Records.AddRange(records);
            return Task.CompletedTask;
        }
    }

    private async Task<(RpcException? Error, bool Ran)> Run<TRequest>(TRequest request, ServerCallContext call)
        where TRequest : class
    {
        var ran = false;
        try
        {
            await _interceptor.UnaryServerHandler(request, call, (_, _) =>
            {
                ran = true;
                return Task.FromResult(new ScopedRequest());
            });
            return (null, ran);
        }
        catch (RpcException error)
        {
            return (error, ran);
        }
    }
}
