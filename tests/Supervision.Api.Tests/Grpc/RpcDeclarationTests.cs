using Supervision.Api.Grpc;
using Supervision.V1;
using Workforce.Testing;
using Xunit;

namespace Supervision.Api.Tests.Grpc;

public sealed class RpcDeclarationTests
{
    [Fact]
    public void Every_RPC_declares_a_role_policy_and_what_it_discloses() =>
        Assert.Empty(RpcDeclarations.Problems(SupervisionRecords.Descriptor, typeof(SupervisionRecordsService)));
}
