using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>The same flow with every service on PostgreSQL, each in a database it created itself.</summary>
public sealed class PostgresEventFlowTests(PostgresSuiteFixture fixture) : IClassFixture<PostgresSuiteFixture>
{
    private Suite Suite => fixture.Suite;

    [Fact]
    public async Task A_recorded_assignment_reaches_both_read_models_and_leaves_no_unsent_event()
    {
        var change = Requests.Assignment();

        var reply = await Suite.StaffRegister().RecordStaffChangesAsync(Requests.Batch("840", change), Suite.Bearer(TestTokens.HrWriter("840")));

        Assert.Equal(V1.ChangeStatus.Applied, Assert.Single(reply.Results).Status);
        await Suite.WaitForReadModelsAsync("840", change.StaffId);
        await Eventually.True(async () => await Suite.WorkforceUnsentCountAsync() == 0, TimeSpan.FromSeconds(10), "the outbox row to be marked sent");
        Assert.Equal(1, await Suite.WorkforceChangeCountAsync("840", change.StaffId));
    }
}
