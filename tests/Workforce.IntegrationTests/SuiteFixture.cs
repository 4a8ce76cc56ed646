using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Starts one suite for a test class and stops it afterwards.</summary>
public abstract class SuiteFixture(SuiteOptions options) : IAsyncLifetime
{
    public Suite Suite { get; private set; } = null!;

    public async Task InitializeAsync() => Suite = await Suite.StartAsync(options);

    public async Task DisposeAsync()
    {
        if (Suite is not null)
        {
            await Suite.DisposeAsync();
        }
    }
}

public sealed class SqliteSuiteFixture() : SuiteFixture(new SuiteOptions());

public sealed class PostgresSuiteFixture() : SuiteFixture(new SuiteOptions { Storage = Storage.Postgres });

public sealed class CaseloadReplicasSuiteFixture() : SuiteFixture(new SuiteOptions { Storage = Storage.Postgres, CaseloadReplicas = 2 });

public sealed class QuorumSuiteFixture() : SuiteFixture(new SuiteOptions { QueueType = "quorum" });

/// <summary>PostgreSQL with retention on (<c>Retention:Years</c> set per test class; the daily schedule stays out of the way).</summary>
public sealed class RetentionSuiteFixture() : SuiteFixture(new SuiteOptions
{
    Storage = Storage.Postgres,
    Settings = new Dictionary<string, string> { ["Retention__Years"] = RetentionTests.Years.ToString(System.Globalization.CultureInfo.InvariantCulture) },
});
