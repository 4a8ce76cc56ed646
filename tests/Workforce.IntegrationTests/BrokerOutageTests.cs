using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>
/// The broker goes down: writes are still accepted into the outbox, and once the broker is back every event is
/// delivered, still in the trace of the request that caused it.
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
    public async Task A_change_recorded_while_the_broker_is_down_is_delivered_after_it_restarts_in_the_callers_trace()
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

        await _broker.StartAgainAsync();

        await suite.WaitForReadModelsAsync("841", during.StaffId, TimeSpan.FromSeconds(90));
        Assert.Equal(0, await suite.WorkforceUnsentCountAsync());
        await Eventually.True(
            () => Task.FromResult(suite.Telemetry.ServicesInTrace(traceId).SetEquals(Suite.ServiceNames)),
            TimeSpan.FromSeconds(20),
            "spans of all three services in the trace of the call made while the broker was down");
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
