using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
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
        var error = await Assert.ThrowsAsync<RpcException>(() => Suite.StaffRegister().RecordAssignmentAsync(Requests.Assignment()).ResponseAsync);
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
            Suite.StaffRegister().RecordAssignmentAsync(Requests.Assignment(), Suite.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_authority_is_PERMISSION_DENIED_and_records_nothing()
    {
        var request = Requests.Assignment(authority: "841");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordAssignmentAsync(request, Suite.Bearer(TestTokens.HrWriter("840"))).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, await Suite.WorkforceAssignmentCountAsync("841", request.StaffId));
    }

    [Fact]
    public async Task A_role_without_write_rights_is_PERMISSION_DENIED()
    {
        var analyst = TestTokens.Create([WorkforceRoles.Analyst], ["841"]);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordAssignmentAsync(Requests.Assignment(), Suite.Bearer(analyst)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task An_invalid_request_is_INVALID_ARGUMENT_with_field_violations_and_records_nothing()
    {
        var request = Requests.Assignment();
        request.Fte = 1.2;
        request.CensusRole = 0;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Suite.StaffRegister().RecordAssignmentAsync(request, Suite.Bearer(TestTokens.HrWriter("841"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["census_role", "fte"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(0, await Suite.WorkforceAssignmentCountAsync("841", request.StaffId));
    }

    [Fact]
    public async Task A_repeated_change_id_is_a_no_op_and_reused_with_other_content_is_ALREADY_EXISTS()
    {
        var client = Suite.StaffRegister();
        var headers = Suite.Bearer(TestTokens.HrWriter("841"));
        var request = Requests.Assignment();

        var first = await client.RecordAssignmentAsync(request, headers);
        var again = await client.RecordAssignmentAsync(request, headers);
        var edited = request.Clone();
        edited.Fte = 0.5;
        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordAssignmentAsync(edited, headers).ResponseAsync);

        Assert.Equal((1L, false), (first.Version, first.Duplicate));
        Assert.Equal((1L, true), (again.Version, again.Duplicate));
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal(1, await Suite.WorkforceAssignmentCountAsync("841", request.StaffId));
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
