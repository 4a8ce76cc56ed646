using Grpc.Core;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Grpc;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class CallerLimitsInterceptorTests
{
    private const string Rpc = "/workforce.v1.StaffRegister/GetAgencyRate";

    [Fact]
    public async Task A_caller_past_its_burst_is_RESOURCE_EXHAUSTED_while_another_caller_is_not()
    {
        using var limits = Limits(new RateLimitingOptions { Burst = 3, PermitsPerSecond = 1 });

        var first = await Calls(limits, "busy", 4);
        var other = await Calls(limits, "quiet", 1);

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.ResourceExhausted], first);
        Assert.Equal([StatusCode.OK], other);
    }

    [Fact]
    public async Task Disabled_rate_limiting_and_anonymous_RPCs_are_never_limited()
    {
        using var disabled = Limits(new RateLimitingOptions { Enabled = false, Burst = 1, PermitsPerSecond = 1 });
        using var enabled = Limits(new RateLimitingOptions { Burst = 1, PermitsPerSecond = 1 });

        var calls = await Calls(disabled, "busy", 5);
        var probes = new List<StatusCode>();
        for (var i = 0; i < 5; i++)
        {
            probes.Add(await Status(enabled, FakeCall.Anonymous("/grpc.health.v1.Health/Check")));
        }

        Assert.All(calls, status => Assert.Equal(StatusCode.OK, status));
        Assert.All(probes, status => Assert.Equal(StatusCode.OK, status));
    }

    [Fact]
    public async Task A_stream_longer_than_the_limit_is_RESOURCE_EXHAUSTED_after_the_messages_it_allows()
    {
        using var limits = Limits(new RateLimitingOptions(), new GrpcLimitsOptions { MaxStreamMessages = 2 });
        var read = 0;

        var error = await Assert.ThrowsAsync<RpcException>(() => limits.ClientStreamingServerHandler(
            new ListReader<ScopedRequest>(new(), new(), new()),
            FakeCall.For(Rpc, FakeCall.Caller("hr", ["841"])),
            async (stream, _) =>
            {
                while (await stream.MoveNext(CancellationToken.None))
                {
                    read++;
                }

                return new ScopedRequest();
            }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("at most 2 messages", error.Status.Detail);
        Assert.Equal(2, read);
    }

    private static CallerLimitsInterceptor Limits(RateLimitingOptions rate, GrpcLimitsOptions? sizes = null) =>
        new(Options.Create(rate), Options.Create(sizes ?? new GrpcLimitsOptions()));

    private static async Task<List<StatusCode>> Calls(CallerLimitsInterceptor limits, string subject, int count)
    {
        var statuses = new List<StatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add(await Status(limits, FakeCall.For(Rpc, FakeCall.Caller(subject, ["841"]))));
        }

        return statuses;
    }

    private static async Task<StatusCode> Status(CallerLimitsInterceptor limits, ServerCallContext call)
    {
        try
        {
            await limits.UnaryServerHandler(new ScopedRequest(), call, (_, _) => Task.FromResult(new ScopedRequest()));
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
