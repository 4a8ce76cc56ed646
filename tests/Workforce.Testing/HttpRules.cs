using Google.Api;
using Google.Protobuf.Reflection;

namespace Workforce.Testing;

/// <summary>Checks the services of a proto file for JSON transcoding: every unary RPC has a <c>google.api.http</c> rule, no streaming one does.</summary>
public static class HttpRules
{
    /// <summary>One line per RPC of <paramref name="file"/> that breaks the rule.</summary>
    public static IReadOnlyList<string> Problems(FileDescriptor file) =>
        file.Services.SelectMany(service => service.Methods)
            .Select(rpc => (Rpc: rpc, Streaming: rpc.IsClientStreaming || rpc.IsServerStreaming, Rule: rpc.GetOptions()?.GetExtension(AnnotationsExtensions.Http)))
            .Where(m => m.Streaming == m.Rule is not null)
            .Select(m => m.Streaming
                ? $"{m.Rpc.FullName}: streams, which stay gRPC-only, but has a google.api.http rule"
                : $"{m.Rpc.FullName}: unary without a google.api.http rule, so it has no JSON/HTTP endpoint")
            .ToList();
}
