using Operations.V1;
using Workforce.ServiceDefaults.Audit;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;
using Workforce.ServiceDefaults.Retention;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

/// <summary>The operations services every service maps (dead letters; read-model rebuilds; offboarding) declare each RPC too.</summary>
public sealed class OperationsRpcDeclarationTests
{
    [Fact]
    public void Every_operations_RPC_declares_a_role_policy_and_what_it_discloses() =>
        Assert.Empty(RpcDeclarations.Problems(DeadLetters.Descriptor, typeof(DeadLettersService))
            .Concat(RpcDeclarations.Problems(ReadModels.Descriptor, typeof(ReadModelsService)))
            .Concat(RpcDeclarations.Problems(global::Operations.V1.Retention.Descriptor, typeof(RetentionService)))
            .Concat(RpcDeclarations.Problems(global::Operations.V1.Audit.Descriptor, typeof(AuditService)))
            .Concat(RpcDeclarations.Problems(Councils.Descriptor, typeof(CouncilsService))));
}
