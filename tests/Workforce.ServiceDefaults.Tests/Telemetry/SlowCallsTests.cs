using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Telemetry;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests.Telemetry;

public sealed class SlowCallsTests
{
    private readonly RecordingLogs _logs = new();
    private readonly TestClock _clock = new(new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero));

    private async Task Call(TimeSpan taking, Action<HttpContext>? answer = null)
    {
        var calls = new SlowCalls(context =>
        {
            _clock.Advance(taking);
            answer?.Invoke(context);
            return Task.CompletedTask;
        }, LoggerFactory.Create(b => b.AddProvider(_logs)).CreateLogger<SlowCalls>(), Options.Create(new SlowCallOptions { SlowCallSeconds = 5 }), _clock);
        var context = new DefaultHttpContext();
        context.Request.Path = "/caseload.v1.CaseAllocations/BatchGetTargetProgress";
        await calls.InvokeAsync(context);
    }

    [Fact]
    public async Task A_call_at_or_over_the_threshold_is_logged_with_its_path_time_and_status()
    {
        await Call(TimeSpan.FromSeconds(30), context => context.Response.Headers["grpc-status"] = "4");

        var (category, message) = Assert.Single(_logs.Records);
        Assert.Equal(typeof(SlowCalls).FullName, category);
        Assert.Contains("/caseload.v1.CaseAllocations/BatchGetTargetProgress took 30000 ms", message);
        Assert.Contains("grpc-status '4'", message);
    }

    [Fact]
    public async Task A_quicker_call_is_not_logged()
    {
        await Call(TimeSpan.FromSeconds(4.9));

        Assert.Empty(_logs.Records);
    }

    [Fact]
    public async Task A_call_that_throws_is_logged_and_the_exception_goes_on()
    {
        var calls = new SlowCalls(_ =>
        {
            _clock.Advance(TimeSpan.FromSeconds(6));
            throw new InvalidOperationException("stalled then failed");
        }, LoggerFactory.Create(b => b.AddProvider(_logs)).CreateLogger<SlowCalls>(), Options.Create(new SlowCallOptions()), _clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => calls.InvokeAsync(new DefaultHttpContext()));
        Assert.Contains("took 6000 ms", Assert.Single(_logs.Records).Message);
    }
}
