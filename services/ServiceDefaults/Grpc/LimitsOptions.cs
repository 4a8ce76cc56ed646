namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Per-caller rate limit on gRPC calls (section <c>RateLimiting</c>): a token bucket per token subject.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Calls a caller may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Calls a caller may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;
}

/// <summary>Sizes the gRPC listener accepts (section <c>Grpc</c>).</summary>
public sealed class GrpcLimitsOptions
{
    public const string Section = "Grpc";

    /// <summary>Largest request message; a batch of 1000 changes is a few hundred kilobytes.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most messages (chunks) one client stream may send; a longer feed continues in a new stream.</summary>
    public int MaxStreamMessages { get; set; } = 10_000;
}
