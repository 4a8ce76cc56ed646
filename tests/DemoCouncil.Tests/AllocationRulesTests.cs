using System.Globalization;
using System.Text.RegularExpressions;
using Caseload.V1;
using Google.Protobuf;
using Xunit;
using Kind = Caseload.V1.AllocationChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>The allocation feed is reproducible, every batch passes the rules caseload.proto documents, and it only names workers the HR feed has in post.</summary>
public sealed partial class AllocationRulesTests
{
    public static readonly TheoryData<int, string, string> Councils = new()
    {
        { 20250930, "841", "2025-09-30" },
        { 1, "841", "2025-09-30" },
        { 7, "840", "2024-03-15" },
    };

    [Fact]
    public void The_same_seed_gives_byte_identical_batches_and_another_seed_different_ones()
    {
        var again = Bytes(DemoFeeds.GenerateBoth(DemoFeeds.Options).Allocations);
        var otherSeed = Bytes(DemoFeeds.GenerateBoth(DemoFeeds.Options with { Seed = DemoFeeds.Options.Seed + 1 }).Allocations);

        Assert.Equal(Bytes(DemoFeeds.Allocations), again);
        Assert.NotEqual(Bytes(DemoFeeds.Allocations), otherSeed);
    }

    [Theory]
    [MemberData(nameof(Councils))]
    public void Every_batch_and_change_is_valid_and_ids_are_opaque(int seed, string authority, string end)
    {
        var options = Options(seed, authority, end);
        var feed = DemoFeeds.GenerateBoth(options).Allocations;

        Assert.All(feed.Batches, b => Assert.InRange(b.Changes.Count, 1, AllocationFeed.MaxBatchSize));
        Assert.All(feed.Batches.Zip(feed.Batches.Skip(1)), pair => Assert.True(pair.First.SentOn <= pair.Second.SentOn));
        Assert.True(feed.Batches[^1].SentOn <= options.End);
        Assert.Empty(feed.Changes.SelectMany(c => Violations(c).Select(v => $"{c.ChangeId}: {v}")));
        Assert.Equal(feed.Changes.Count, feed.Changes.Select(c => c.ChangeId).Distinct().Count());
        Assert.All(feed.Changes, c => Assert.Matches($"^demo-{authority}-case-[0-9]{{6}}$", c.ChangeId));
        Assert.All(feed.Changes, c => Assert.Matches($"^case-{authority}-[0-9]{{6}}$", c.CaseId));
    }

    [Theory]
    [MemberData(nameof(Councils))]
    public void Every_allocation_names_a_registered_worker_in_post_that_day_who_holds_cases_or_manages_the_team(int seed, string authority, string end)
    {
        var (hr, feed) = DemoFeeds.GenerateBoth(Options(seed, authority, end));
        var posts = new Replay(hr.Changes).Posts.ToDictionary(p => p.StaffId);

        var allocated = feed.Changes
            .Select(c => (c.ChangeId, Day: Replay.Day(c.EffectiveDate), StaffId: c.ChangeCase switch { Kind.Open => c.Open.StaffId, Kind.Allocate => c.Allocate.StaffId, _ => "" }))
            .Where(a => a.StaffId.Length > 0)
            .ToList();

        Assert.NotEmpty(allocated);
        Assert.All(allocated, a => Assert.True(
            posts.TryGetValue(a.StaffId, out var post) && post.On(a.Day) is { Registered: true } terms && (terms.CaseHolding || terms.CensusRole == 3),
            $"{a.ChangeId}: {a.StaffId} on {a.Day:yyyy-MM-dd}"));
    }

    [Theory]
    [MemberData(nameof(Councils))]
    public void A_case_changes_at_most_once_a_day_so_the_order_of_a_days_changes_never_matters(int seed, string authority, string end)
    {
        var feed = DemoFeeds.GenerateBoth(Options(seed, authority, end)).Allocations;
        var retracted = feed.Changes.Where(c => c.ChangeCase == Kind.Correction).Select(c => c.Correction.RetractsChangeId).ToHashSet();

        Assert.Empty(feed.Changes
            .Where(c => c.ChangeCase != Kind.Correction && !retracted.Contains(c.ChangeId))
            .GroupBy(c => (c.CaseId, Day: Replay.Day(c.EffectiveDate)))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.CaseId} on {g.Key.Day:yyyy-MM-dd}"));
    }

    [Fact]
    public void A_case_is_opened_before_anything_else_is_sent_about_it_and_nothing_follows_its_closure()
    {
        var sent = new Dictionary<string, List<AllocationChange>>();
        foreach (var change in DemoFeeds.Allocations.Changes)
        {
            if (change.ChangeCase == Kind.Correction)
            {
                Assert.Contains(change.Correction.RetractsChangeId, sent.GetValueOrDefault(change.CaseId)?.Select(c => c.ChangeId) ?? []);
            }
            else
            {
                Assert.Equal(change.ChangeCase == Kind.Open, !sent.ContainsKey(change.CaseId));
            }

            var earlier = sent.TryGetValue(change.CaseId, out var list) ? list : sent[change.CaseId] = [];
            Assert.DoesNotContain(earlier, c => c.ChangeCase == Kind.Close);
            earlier.Add(change);
        }
    }

    private static DemoCouncilOptions Options(int seed, string authority, string end) =>
        new() { Seed = seed, Authority = authority, End = DateOnly.Parse(end, CultureInfo.InvariantCulture) };

    private static byte[] Bytes(AllocationFeed feed) =>
        [.. feed.Batches.SelectMany(b => new RecordAllocationChangesRequest { Authority = feed.Authority, Changes = { b.Changes } }.ToByteArray())];

    /// <summary>The rules caseload.proto documents for a change: the fields that break them (none when the service accepts it).</summary>
    private static IEnumerable<string> Violations(AllocationChange c)
    {
        static bool IsId(string value, int max) => value.Length > 0 && value.Length <= max && !value.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch));
        static bool IsOptionalId(string value) => value.Length == 0 || IsId(value, 64);
        static bool IsDate(Google.Type.Date? d) =>
            d is { Year: >= 1 and <= 9999, Month: >= 1 and <= 12, Day: >= 1 } && d.Day <= DateTime.DaysInMonth(d.Year, d.Month);

        List<(bool Ok, string Field)> checks =
        [
            (IsId(c.ChangeId, 128), "change_id"),
            (c.SourceVersion >= 0, "source_version"),
            (IsDate(c.EffectiveDate), "effective_date"),
            // Never personal data: no e-mail address, no date of birth or any other date in a case id.
            (IsId(c.CaseId, 64) && !c.CaseId.Contains('@') && !DateLike().IsMatch(c.CaseId), "case_id"),
        ];
        checks.AddRange(c.ChangeCase switch
        {
            Kind.Open => [(c.Open.Category != CaseCategory.Unspecified && Enum.IsDefined(c.Open.Category), "open.category"), (IsOptionalId(c.Open.StaffId), "open.staff_id")],
            Kind.Allocate => [(IsOptionalId(c.Allocate.StaffId), "allocate.staff_id")],
            Kind.Close => [],
            Kind.Correction => [(IsId(c.Correction.RetractsChangeId, 128) && c.Correction.RetractsChangeId != c.ChangeId, "correction.retracts_change_id")],
            _ => [(false, "change")],
        });
        return checks.Where(check => !check.Ok).Select(check => check.Field);
    }

    /// <summary>What the caseload service refuses in a case id as a date: 2025-01-02, 02/01/2025, 2.1.25.</summary>
    [GeneratedRegex(@"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")]
    private static partial Regex DateLike();
}
