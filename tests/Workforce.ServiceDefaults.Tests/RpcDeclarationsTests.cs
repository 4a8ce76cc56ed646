using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Authorization;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class RpcDeclarationsTests
{
    [Fact]
    public void An_RPC_without_a_role_policy_or_a_disclosure_or_an_implementation_is_named()
    {
        var problems = RpcDeclarations.Problems(Health.Descriptor, typeof(HalfDeclared));
        var missing = RpcDeclarations.Problems(Health.Descriptor, typeof(CheckOnly));

        Assert.Collection(problems,
            p => Assert.Equal("grpc.health.v1.Health/Check: needs [Discloses(...)]", p),
            p => Assert.StartsWith("grpc.health.v1.Health/Watch: needs exactly one [Authorize(Policy = WorkforceRoles.X)], has []", p),
            p => Assert.Equal("grpc.health.v1.Health/Watch: needs [Discloses(...)]", p));
        Assert.Equal(["grpc.health.v1.Health/Watch: not implemented by CheckOnly"], missing);
    }

    [Fact]
    public void A_fully_declared_service_has_no_problem_and_AllowAnonymous_is_one()
    {
        Assert.Empty(RpcDeclarations.Problems(Health.Descriptor, typeof(Declared)));
        Assert.Contains("grpc.health.v1.Health/Check: [AllowAnonymous] is for health and reflection only", RpcDeclarations.Problems(Health.Descriptor, typeof(Anonymous)));
    }

    private sealed class HalfDeclared : Health.HealthBase
    {
        [Authorize(Policy = WorkforceRoles.Operations)]
        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => throw new NotSupportedException();

        public override Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context) => throw new NotSupportedException();
    }

    private sealed class CheckOnly : Health.HealthBase
    {
        [Authorize(Policy = WorkforceRoles.Operations)]
        [Discloses(Disclosure.Aggregates)]
        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => throw new NotSupportedException();
    }

    private sealed class Declared : Health.HealthBase
    {
        [Authorize(Policy = WorkforceRoles.Operations)]
        [Discloses(Disclosure.Aggregates)]
        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => throw new NotSupportedException();

        [Authorize(Policy = WorkforceRoles.Operations)]
        [Discloses(Disclosure.Aggregates)]
        public override Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context) => throw new NotSupportedException();
    }

    private sealed class Anonymous : Health.HealthBase
    {
        [AllowAnonymous]
        [Authorize(Policy = WorkforceRoles.Operations)]
        [Discloses(Disclosure.Aggregates)]
        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => throw new NotSupportedException();
    }
}
