using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Domain;

/// <summary>The per-worker index answers what a pass over every case's periods answers, day by day.</summary>
public sealed class CaseHoldingsTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    [Fact]
    public void A_worked_example_counts_a_case_from_its_allocation_until_the_day_it_moves_or_closes()
    {
        var log = new AllocationLog();
        log.Add(AllocationKind.Open, "c1", new DateOnly(2025, 4, 1), "w1", CaseCategory.ChildProtection);
        log.Add(AllocationKind.Open, "c2", new DateOnly(2025, 4, 1), "w1", CaseCategory.ChildInNeed);
        log.Add(AllocationKind.Allocate, "c1", new DateOnly(2025, 6, 1), "w2");
        log.Add(AllocationKind.Close, "c2", new DateOnly(2025, 7, 1), null);
        var holdings = CaseHoldings.Of(log.Timelines);

        Assert.Empty(holdings.On(new DateOnly(2025, 3, 31), null));
        Assert.Equal([("w1", 2)], Sorted(holdings.On(new DateOnly(2025, 5, 31), null)));
        Assert.Equal([("w1", 1)], Sorted(holdings.On(new DateOnly(2025, 5, 31), CaseCategory.ChildInNeed)));
        Assert.Equal([("w1", 1), ("w2", 1)], Sorted(holdings.On(new DateOnly(2025, 6, 1), null)));
        Assert.Equal([("w2", 1)], Sorted(holdings.On(new DateOnly(2025, 6, 1), CaseCategory.ChildProtection)));
        Assert.Equal([("w2", 1)], Sorted(holdings.On(new DateOnly(2025, 7, 1), null)));
        Assert.Empty(holdings.On(new DateOnly(2025, 7, 1), CaseCategory.LookedAfter));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_day_and_category_matches_a_count_over_every_case(int seed)
    {
        var random = new Random(seed);
        var log = new AllocationLog();
        var categories = Enum.GetValues<CaseCategory>();
        for (var c = 0; c < 300; c++)
        {
            var day = Start.AddDays(random.Next(0, 400));
            log.Add(AllocationKind.Open, $"c{c}", day, Worker(random), categories[random.Next(categories.Length)]);
            for (var step = random.Next(0, 4); step > 0; step--)
            {
                day = day.AddDays(random.Next(0, 60));
                var kind = random.Next(5) switch { 0 => AllocationKind.Close, 1 => AllocationKind.Open, _ => AllocationKind.Allocate };
                log.Add(kind, $"c{c}", day, kind == AllocationKind.Close || random.Next(6) == 0 ? null : Worker(random), categories[random.Next(categories.Length)]);
            }
        }

        var timelines = log.Timelines;
        var holdings = CaseHoldings.Of(timelines);
        for (var day = Start.AddDays(-1); day <= Start.AddDays(700); day = day.AddDays(3))
        {
            foreach (var category in categories.Select(c => (CaseCategory?)c).Append(null))
            {
                var counted = timelines.Select(t => t.On(day))
                    .Where(p => p is { StaffId: not null } && (category is null || p.Category == category))
                    .GroupBy(p => p!.StaffId!)
                    .Select(g => (g.Key, g.Count()));
                Assert.Equal(Sorted(counted), Sorted(holdings.On(day, category)));
            }
        }
    }

    private static string Worker(Random random) => $"w{random.Next(12)}";

    private static List<(string, int)> Sorted(IEnumerable<(string, int)> held) => [.. held.OrderBy(h => h.Item1, StringComparer.Ordinal)];
}
