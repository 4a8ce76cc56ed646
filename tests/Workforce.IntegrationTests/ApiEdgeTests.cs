using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Workforce.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>What a caller meets at the workforce service's gRPC edge: authentication, authorization, validation, idempotency, health.</summary>
public sealed class ApiEdgeTests(SqliteSuiteFixture fixture) : IClassFixture<SqliteSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task No_token_is_UNAUTHENTICATED()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", Requests.Assignment())).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-key")]
    [InlineData("wrong-issuer")]
    public async Task A_token_that_fails_validation_is_UNAUTHENTICATED(string flaw)
    {
        var token = flaw switch
        {
            "expired" => TestTokens.Create([WorkforceRoles.HrWriter], ["841"], lifetime: TimeSpan.FromMinutes(-5)),
            "wrong-key" => TestTokens.Create([WorkforceRoles.HrWriter], ["841"], signingKey: "another-signing-key-of-enough-length-0123456789"),
            _ => TestTokens.Create([WorkforceRoles.HrWriter], ["841"], issuer: "someone-else"),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", Requests.Assignment()), Suite.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_authority_is_PERMISSION_DENIED_and_records_nothing()
    {
        var change = Requests.Assignment();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", change), Suite.Bearer(TestTokens.HrWriter("840"))).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, await Suite.WorkforceChangeCountAsync("841", change.StaffId));
    }

    [Fact]
    public async Task A_role_without_write_rights_is_PERMISSION_DENIED()
    {
        var analyst = TestTokens.Create([WorkforceRoles.Analyst], ["841"]);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", Requests.Assignment()), Suite.Bearer(analyst)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task An_invalid_item_rejects_the_whole_batch_with_field_violations_naming_the_item_and_records_nothing()
    {
        var good = Requests.Assignment();
        var bad = Requests.Assignment();
        bad.Assignment.Fte = 1.2;
        bad.Assignment.CensusRole = 0;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", good, bad), Suite.Bearer(TestTokens.HrWriter("841"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["changes[1].assignment.census_role", "changes[1].assignment.fte"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(0, await Suite.WorkforceChangeCountAsync("841", good.StaffId));
    }

    [Fact]
    public async Task A_repeated_change_is_a_duplicate_a_higher_source_version_supersedes_and_the_same_version_edited_is_ALREADY_EXISTS()
    {
        var client = Suite.StaffRegister();
        var headers = Suite.Bearer(TestTokens.HrWriter("841"));
        var change = Requests.Assignment();
        change.SourceVersion = 1;

        var first = await client.RecordStaffChangesAsync(Requests.Batch("841", change), headers);
        var again = await client.RecordStaffChangesAsync(Requests.Batch("841", change), headers);
        var edited = change.Clone();
        edited.Assignment.Fte = 0.5;
        var conflict = await Assert.ThrowsAsync<RpcException>(() => client.RecordStaffChangesAsync(Requests.Batch("841", Requests.Assignment(), edited), headers).ResponseAsync);
        edited.SourceVersion = 2;
        var superseded = await client.RecordStaffChangesAsync(Requests.Batch("841", edited), headers);

        Assert.Equal(ChangeStatus.Applied, Assert.Single(first.Results).Status);
        Assert.Equal(ChangeStatus.Duplicate, Assert.Single(again.Results).Status);
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
        Assert.Contains("changes[1]", conflict.Status.Detail);
        Assert.Equal(ChangeStatus.Superseded, Assert.Single(superseded.Results).Status);
        Assert.Equal(2, await Suite.WorkforceChangeCountAsync("841", change.StaffId));
        var member = await client.GetStaffMemberAsync(
            new GetStaffMemberRequest { Authority = "841", StaffId = change.StaffId, AsOf = Requests.Day(2025, 6, 1) },
            Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], ["841"])));
        Assert.Equal(0.5, member.Assignment.Fte);
    }

    [Fact]
    public async Task Health_and_reflection_need_no_token()
    {
        foreach (var service in new[] { Suite.Workforce, Suite.Caseload, Suite.Supervision })
        {
            using var channel = service.CreateChannel();
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            using var http = new HttpClient { BaseAddress = service.HttpAddress };
            Assert.True((await http.GetAsync("/health/ready")).IsSuccessStatusCode);
        }

        using var workforce = Suite.Workforce.CreateChannel();
        using var reflection = new ServerReflection.ServerReflectionClient(workforce).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
        var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);
        Assert.Contains("workforce.v1.StaffRegister", services);
    }
}
