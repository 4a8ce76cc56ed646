using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>With <c>Messaging:QueueType=quorum</c> the consumers' queues are declared as quorum queues and events still flow.</summary>
public sealed class QuorumQueueTests(QuorumSuiteFixture fixture) : IClassFixture<QuorumSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task Events_flow_through_quorum_queues()
    {
        var change = Requests.Assignment();

        await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("841", change), Suite.Bearer(TestTokens.HrWriter("841")));

        await Suite.WaitForReadModelsAsync("841", change.StaffId);
        using var admin = RabbitMqAdmin.ForTestBroker();
        foreach (var queue in new[] { "caseload-staff-member-changed", "supervision-staff-member-changed" })
        {
            var description = await admin.GetQueueAsync(Suite.VirtualHost, queue);
            Assert.NotNull(description);
            Assert.Equal("quorum", description["type"]?.GetValue<string>());
        }
    }
}
