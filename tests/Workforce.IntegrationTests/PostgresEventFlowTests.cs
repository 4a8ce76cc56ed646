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
        var request = Requests.Assignment(authority: "840");

        var reply = await Suite.StaffRegister().RecordAssignmentAsync(request, Suite.Bearer(TestTokens.HrWriter("840")));

        Assert.Equal(1, reply.Version);
        await Suite.WaitForReadModelsAsync("840", request.StaffId, 1);
        await Eventually.True(async () => await Suite.WorkforceUnsentCountAsync() == 0, TimeSpan.FromSeconds(10), "the outbox row to be marked sent");
        Assert.Equal(1, await Suite.WorkforceAssignmentCountAsync("840", request.StaffId));
    }
}
