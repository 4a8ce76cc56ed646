using Workforce.ServiceDefaults.Caching;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class HeardValuesTests
{
    [Fact]
    public async Task While_hearing_a_value_is_read_once_until_its_council_changes()
    {
        var changes = new CouncilChanges();
        var values = new HeardValues<int, string>(changes);
        var reads = 0;
        Task<string> Get(string authority, int key) => values.GetAsync(authority, key, _ => Task.FromResult($"{authority}/{key} read {++reads}"), default);

        // Not hearing: every read goes to the database.
        Assert.Equal("841/1 read 1", await Get("841", 1));
        Assert.Equal("841/1 read 2", await Get("841", 1));

        changes.StartedHearing();
        Assert.Equal("841/1 read 3", await Get("841", 1));
        Assert.Equal("841/1 read 3", await Get("841", 1));
        Assert.Equal("841/2 read 4", await Get("841", 2));
        Assert.Equal("842/1 read 5", await Get("842", 1));

        changes.Changed("841");
        Assert.Equal("841/1 read 6", await Get("841", 1));
        Assert.Equal("842/1 read 5", await Get("842", 1));

        changes.StoppedHearing();
        Assert.Equal("842/1 read 7", await Get("842", 1));
    }
}
