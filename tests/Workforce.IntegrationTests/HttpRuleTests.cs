using Google.Protobuf.Reflection;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Every unary RPC of every service, enumerated from the descriptors, is reachable as JSON over HTTP.</summary>
public sealed class HttpRuleTests
{
    private static readonly FileDescriptor[] Files =
    [
        V1.WorkforceReflection.Descriptor,
        Caseload.V1.CaseloadReflection.Descriptor,
        Supervision.V1.SupervisionReflection.Descriptor,
        Operations.V1.OperationsReflection.Descriptor,
        global::Benchmarks.V1.BenchmarksReflection.Descriptor,
    ];

    [Fact]
    public void Every_proto_file_of_the_repository_is_checked()
    {
        var protos = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "protos"), "*.proto", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "protos"), f).Replace('\\', '/'));

        Assert.Equal(protos.Order(StringComparer.Ordinal), Files.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_unary_RPC_has_an_HTTP_rule_and_no_streaming_RPC_has_one()
    {
        Assert.Empty(Files.SelectMany(HttpRules.Problems));
        Assert.InRange(Files.SelectMany(f => f.Services).SelectMany(s => s.Methods).Count(m => !m.IsClientStreaming && !m.IsServerStreaming), 28, int.MaxValue);
    }

    [Fact]
    public void A_unary_RPC_without_a_rule_is_reported()
    {
        var health = Grpc.Health.V1.HealthReflection.Descriptor;

        Assert.Equal(["grpc.health.v1.Health.Check: unary without a google.api.http rule, so it has no JSON/HTTP endpoint"], HttpRules.Problems(health));
    }
}
