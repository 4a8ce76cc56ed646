using Workforce.Api.Grpc;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.Api.Tests.Grpc;

public sealed class RpcDeclarationTests
{
    [Fact]
    public void Every_RPC_declares_a_role_policy_and_what_it_discloses() =>
        Assert.Empty(RpcDeclarations.Problems(StaffRegister.Descriptor, typeof(StaffRegisterService))
            .Concat(RpcDeclarations.Problems(Operations.V1.StaffStates.Descriptor, typeof(StaffStatesService))));
}
