using System.Net;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// The broker goes down: writes are still accepted into the outbox, the services say they are not ready and the
/// outbox metric shows the events waiting; once the broker is back every event is delivered, still in the trace of
/// the request that caused it, and readiness and the metric recover.
/// </summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private PrivateBroker _broker = null!;
    private Suite? _suite;

    public async Task InitializeAsync()
    {
        _broker = await PrivateBroker.StartAsync();
        _suite = await Suite.StartAsync(new SuiteOptions { BrokerUri = _broker.Uri });
    }

    [Fact]
    public async Task A_change_recorded_while_the_broker_is_down_is_delivered_after_it_restarts_in_the_callers_trace_and_readiness_and_metrics_follow()
    {
        var suite = _suite!;
        var headers = Suite.Bearer(TestTokens.HrWriter("841"));
        var before = Requests.Assignment();
        await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", before), headers);
        await suite.WaitForReadModelsAsync("841", before.StaffId);

        await _broker.StopAsync();
        var during = Requests.Assignment();
        var (traceId, traceParent) = Requests.NewTrace();
        var reply = await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", during), Suite.Bearer(TestTokens.HrWriter("841"), traceParent));

        Assert.Equal(V1.ChangeStatus.Applied, Assert.Single(reply.Results).Status);
        Assert.Equal(1, await suite.WorkforceUnsentCountAsync());
        Assert.Null(await suite.CaseloadVersionAsync("841", during.StaffId));
        await WaitForOutboxPendingAsync(suite, 1);
        var later = Requests.Assignment();
        await suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", later), headers);
        var backlog = await WaitForOutboxPendingAsync(suite, 2);
        Assert.True(backlog.Sum("workforce_outbox_oldest_age_seconds", ("service", "workforce")) > 0);
        foreach (var service in new[] { suite.Workforce, suite.Caseload, suite.Supervision })
        {
            await WaitForReadinessAsync(service, HttpStatusCode.ServiceUnavailable, "Unhealthy");
        }

        await _broker.StartAgainAsync();

        await suite.WaitForReadModelsAsync("841", during.StaffId, TimeSpan.FromSeconds(90));
        await suite.WaitForReadModelsAsync("841", later.StaffId);
        Assert.Equal(0, await suite.WorkforceUnsentCountAsync());
        await WaitForOutboxPendingAsync(suite, 0);
        foreach (var service in new[] { suite.Workforce, suite.Caseload, suite.Supervision })
        {
            await WaitForReadinessAsync(service, HttpStatusCode.OK, "Healthy");
        }

        await Eventually.True(
            () => Task.FromResult(suite.Telemetry.ServicesInTrace(traceId).SetEquals(Suite.ServiceNames)),
            TimeSpan.FromSeconds(20),
            "spans of all three services in the trace of the call made while the broker was down");
    }

    private static async Task<Metrics> WaitForOutboxPendingAsync(Suite suite, long pending) =>
        await Eventually.Get(
            async () => await Metrics.ScrapeAsync(suite.Workforce.HttpAddress) is var metrics && metrics.Sum("workforce_outbox_pending", ("service", "workforce")) == pending ? metrics : null,
            TimeSpan.FromSeconds(20), $"the workforce outbox metric to show {pending} pending");

    /// <summary>Readiness as a probe sees it: the status code, and a body that is the bare status word (no error text).</summary>
    private static async Task WaitForReadinessAsync(ServiceProcess service, HttpStatusCode code, string body)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.True(async () =>
        {
            using var response = await http.GetAsync(new Uri(service.HttpAddress, "/health/ready"));
            return response.StatusCode == code && await response.Content.ReadAsStringAsync() == body;
        }, TimeSpan.FromSeconds(60), $"{service.Service} readiness to answer {(int)code} {body}");
    }

    public async Task DisposeAsync()
    {
        if (_suite is not null)
        {
            await _suite.DisposeAsync();
        }

        await _broker.DisposeAsync();
    }
}
