using System.Globalization;
using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Published;

/// <summary>
/// The DfE's stability measure (children looked after at 31 March with 3 or more social workers during the year,
/// domain.md §5) rebuilt from synthetic allocations for every council of 2024 that published it.
/// </summary>
public sealed class WorkerChangesPublishedTests
{
    private static readonly DateOnly YearFrom = new(2023, 4, 1);
    private static readonly DateOnly March31 = new(2024, 3, 31);

    public static TheoryData<string, string, int, int, int> Councils2024()
    {
        var data = new TheoryData<string, string, int, int, int>();
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Published", "la_cla_swcount.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[0] == "2024" && f[2] == "Local authority")
            .ToList();
        foreach (var council in rows.GroupBy(f => f[7]))
        {
            var total = council.FirstOrDefault(f => f[11] == "Total children");
            var three = council.FirstOrDefault(f => f[11] == "3 or more social workers during the year");
            if (total is not null && three is not null
                && int.TryParse(total[12], CultureInfo.InvariantCulture, out var children)
                && int.TryParse(three[12], CultureInfo.InvariantCulture, out var threeOrMore)
                && int.TryParse(three[13], CultureInfo.InvariantCulture, out var percent))
            {
                data.Add(council.Key, three[8], children, threeOrMore, percent);
            }
        }

        return data;
    }

    [Fact]
    public void The_file_holds_the_figures_quoted_in_the_domain_notes()
    {
        var darlington = Councils2024().Single(row => (string)row[0] == "841");

        Assert.Equal(("Darlington", 298, 94, 32), ((string)darlington[1], (int)darlington[2], (int)darlington[3], (int)darlington[4]));
        Assert.True(Councils2024().Count() > 100);
    }

    [Theory]
    [MemberData(nameof(Councils2024))]
    public void A_councils_published_share_with_three_or_more_workers_is_reproduced(string code, string name, int children, int threeOrMore, int publishedPercent)
    {
        var log = new List<AllocationChange>();
        for (var child = 0; child < children; child++)
        {
            // Workers the child had in the year: 3 or 4 for the published number, else 1 or 2. The worker before the year
            // hands over on its first day, so (half-open periods) does not count in it.
            var workers = child < threeOrMore ? 3 + (child % 2) : 1 + (child % 2);
            Add(log, AllocationKind.Open, child, new DateOnly(2022, 6, 1), "w-before");
            for (var w = 0; w < workers; w++)
            {
                Add(log, AllocationKind.Allocate, child, YearFrom.AddDays(w * 60), $"w-{(child + w) % 40}");
            }
        }

        var lookedAfter = CaseLists.WorkerChanges(CaseTimeline.All(log), YearFrom, March31, CaseCategory.LookedAfter)[0];

        Assert.Equal(children, lookedAfter.Cases);
        Assert.Equal(threeOrMore, lookedAfter.ThreeOrMore);
        Assert.True(Math.Abs(lookedAfter.ThreeOrMorePercent!.Value - publishedPercent) <= 0.5m, $"{name} ({code}): {lookedAfter.ThreeOrMorePercent:0.0}% vs published {publishedPercent}%");
    }

    private static void Add(List<AllocationChange> log, AllocationKind kind, int child, DateOnly day, string staffId) => log.Add(new AllocationChange
    {
        Sequence = log.Count + 1,
        Authority = "test",
        ChangeId = $"chg-{log.Count + 1}",
        Kind = kind,
        CaseId = $"case-{child}",
        Category = CaseCategory.LookedAfter,
        EffectiveDate = day,
        StaffId = staffId,
        RecordedAt = DateTimeOffset.UnixEpoch,
    });
}
