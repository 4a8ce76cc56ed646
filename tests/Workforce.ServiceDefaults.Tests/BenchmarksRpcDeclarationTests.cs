using Workforce.ServiceDefaults.Benchmarks;
using Workforce.Testing;
using Xunit;
using BenchmarksApi = Benchmarks.V1.Benchmarks;

namespace Workforce.ServiceDefaults.Tests;

/// <summary>The benchmarks service the workforce and caseload services derive from declares its RPC once, for both.</summary>
public sealed class BenchmarksRpcDeclarationTests
{
    [Fact]
    public void Every_benchmarks_RPC_declares_a_role_policy_and_what_it_discloses() =>
        Assert.Empty(RpcDeclarations.Problems(BenchmarksApi.Descriptor, typeof(BenchmarksService)));
}
