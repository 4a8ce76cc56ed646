using Grpc.Core;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Reads of absence data leave one persisted audit record each, listed over <c>operations.v1.Audit</c>; other and refused reads leave none.</summary>
public sealed class AuditTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private const string Authority = "874";
    private const string Team = "assessment-1";

    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task An_analysts_read_of_absence_data_is_one_record_with_who_when_and_scope_and_nothing_else_is_recorded()
    {
        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch(Authority, Requests.Assignment()), Suite.Bearer(TestTokens.HrWriter(Authority)));
        var register = Suite.StaffRegister();
        var (traceId, traceParent) = Requests.NewTrace();
        var manager = TestTokens.Create([WorkforceRoles.Analyst], [Authority], subject: "team-manager-3", teams: [Team]);
        var asked = new FigureRequest { Authority = Authority, Team = Team, AsOf = Requests.Day(2025, 9, 30) };

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await register.GetWorkforceStabilityAsync(asked, Suite.Bearer(manager, traceParent));
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        // Not sensitive: the agency rate. Refused: another council's analyst, and a writer without the analyst role.
        await register.GetAgencyRateAsync(asked, Suite.Bearer(manager));
        foreach (var refused in new[] { TestTokens.Create([WorkforceRoles.Analyst], ["840"]), TestTokens.HrWriter(Authority) })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => register.GetWorkforceStabilityAsync(asked, Suite.Bearer(refused)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }

        Assert.Equal(1, await Suite.CountAsync("workforce", "SELECT COUNT(*) FROM audit_records"));
        var audit = new Operations.V1.Audit.AuditClient(Suite.Workforce.CreateChannel());
        var operations = Suite.Bearer(TestTokens.Create([WorkforceRoles.Operations], [Authority]));
        var listed = await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Authority = Authority }, operations);
        var record = Assert.Single(listed.Records);
        Assert.Equal(
            ("team-manager-3", Authority, Team, "/workforce.v1.StaffRegister/GetWorkforceStability", "Aggregates", traceId),
            (record.Subject, record.Authority, record.Team, record.Rpc, record.Disclosure, record.TraceId));
        Assert.Equal([WorkforceRoles.Analyst], record.Roles);
        Assert.Equal([Team], record.CallerTeams);
        Assert.InRange(record.ReadAt.ToDateTimeOffset(), before, after);
        Assert.Empty(listed.NextPageToken);

        // The time filter is half-open: [from, to).
        var later = await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Authority = Authority, From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(after) }, operations);
        Assert.Empty(later.Records);

        // Another council's records are not the caller's to read; bad input names its field.
        var otherCouncil = await Assert.ThrowsAsync<RpcException>(() => audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Authority = "840" }, operations).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherCouncil.StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Authority = Authority, PageSize = 1001 }, operations).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("page_size", Assert.Single(invalid.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations).Field);
    }
}
