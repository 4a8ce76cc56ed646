using Workforce.ServiceDefaults.Caching;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class CouncilCacheTests
{
    private static readonly CouncilCacheOptions Roomy = new();

    [Fact]
    public async Task A_log_catches_up_with_only_the_rows_after_its_last_sequence()
    {
        var table = new List<long> { 1, 2, 3 };
        var reads = new List<(long After, long UpTo)>();
        var cached = await CatchUp(null, table, reads);
        table.AddRange([5, 6]);

        var next = await CatchUp(cached, table, reads);

        Assert.Equal([1, 2, 3, 5, 6], next.Rows);
        Assert.Equal(new LogMark(5, 6), next.Mark);
        Assert.Equal([(0L, long.MaxValue), (3L, 6L)], reads);
        Assert.Same(next, await CatchUp(next, table, reads));
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task Deleted_rows_or_a_row_committed_late_with_a_lower_sequence_reload_the_whole_log()
    {
        var table = new List<long> { 1, 2, 3, 4 };
        var reads = new List<(long After, long UpTo)>();
        var cached = await CatchUp(null, table, reads);

        // Retention deletes 1 and 2 and a write adds 7: the last sequence moves on, but the count shows the deletes.
        table.RemoveAll(s => s <= 2);
        table.Add(7);
        var afterDelete = await CatchUp(cached, table, reads);
        Assert.Equal([3, 4, 7], afterDelete.Rows);
        Assert.Equal((0L, long.MaxValue), reads[^1]);

        // 9 was read before 8 committed: 8 is below the cached last sequence, found only by the count.
        table.Add(9);
        var withoutEight = await CatchUp(afterDelete, table, reads);
        table.Add(8);
        var withEight = await CatchUp(withoutEight, table, reads);
        Assert.Equal([3, 4, 7, 8, 9], withEight.Rows);
        Assert.Equal((0L, long.MaxValue), reads[^1]);

        // Offboarding deletes every row.
        table.Clear();
        Assert.Empty((await CatchUp(withEight, table, reads)).Rows);
    }

    [Fact]
    public async Task An_unchanged_watermark_answers_from_the_cache_and_a_moved_one_refreshes_from_the_previous_entry()
    {
        var cache = new CouncilCache<string, long>(Roomy, new CouncilChanges());
        var refreshes = new List<(string? Previous, long Mark)>();
        Task<CouncilEntry<string, long>> Refresh(CouncilEntry<string, long>? previous, long mark, CancellationToken _)
        {
            refreshes.Add((previous?.State, mark));
            return Task.FromResult(new CouncilEntry<string, long>($"built at {mark}", mark, 1));
        }

        Assert.Equal("built at 1", (await cache.GetAsync("841", _ => Task.FromResult(1L), Refresh, default)).State);
        Assert.Equal("built at 1", (await cache.GetAsync("841", _ => Task.FromResult(1L), Refresh, default)).State);
        Assert.Equal("built at 2", (await cache.GetAsync("841", _ => Task.FromResult(2L), Refresh, default)).State);
        Assert.Equal([(null, 1L), ("built at 1", 2L)], refreshes);
    }

    [Fact]
    public async Task Concurrent_readers_of_a_council_share_one_refresh()
    {
        var cache = new CouncilCache<int, long>(Roomy, new CouncilChanges());
        var refreshes = 0;
        var release = new TaskCompletionSource();
        async Task<CouncilEntry<int, long>> Refresh(CouncilEntry<int, long>? previous, long mark, CancellationToken _)
        {
            var n = Interlocked.Increment(ref refreshes);
            await release.Task;
            return new CouncilEntry<int, long>(n, mark, 1);
        }

        var readers = Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.GetAsync("841", _ => Task.FromResult(7L), Refresh, default))).ToList();
        await Task.Delay(200);
        release.SetResult();
        var answers = await Task.WhenAll(readers);

        Assert.Equal(1, refreshes);
        Assert.All(answers, a => Assert.Equal(1, a.State));
    }

    [Fact]
    public async Task The_least_recently_used_councils_go_first_when_either_bound_is_passed()
    {
        var cache = new CouncilCache<string, long>(new CouncilCacheOptions { MaxCouncils = 2, MaxRows = 100 }, new CouncilChanges());
        Task<CouncilEntry<string, long>> Rows(long rows) => Task.FromResult(new CouncilEntry<string, long>("s", 1, rows));
        async Task Get(string authority, long rows) => await cache.GetAsync(authority, _ => Task.FromResult(1L), (_, _, _) => Rows(rows), default);

        await Get("841", 10);
        await Get("842", 10);
        await Get("841", 10);
        await Get("843", 10);
        Assert.Equal((true, false, true), (cache.Contains("841"), cache.Contains("842"), cache.Contains("843")));

        // 843 is the older of the two; a council of 95 rows leaves room for nothing else.
        await Get("841", 10);
        await Get("844", 95);
        Assert.Equal((false, false, true), (cache.Contains("841"), cache.Contains("843"), cache.Contains("844")));

        // A council larger than the bound is still held, alone.
        await Get("845", 500);
        Assert.Equal((1, true), (cache.Count, cache.Contains("845")));
    }

    [Fact]
    public async Task While_changes_are_heard_an_unchanged_council_answers_without_a_probe_and_a_heard_change_refreshes_it()
    {
        var changes = new CouncilChanges();
        var cache = new CouncilCache<string, long>(Roomy, changes);
        var (probes, mark) = (0, 1L);
        Task<long> Probe(CancellationToken _)
        {
            probes++;
            return Task.FromResult(mark);
        }

        Task<CouncilEntry<string, long>> Refresh(CouncilEntry<string, long>? previous, long probed, CancellationToken _) =>
            Task.FromResult(new CouncilEntry<string, long>($"built at {probed}", probed, 1));
        Task<string> Get(string authority) => cache.GetAsync(authority, Probe, Refresh, default).ContinueWith(t => t.Result.State);

        changes.StartedHearing();
        Assert.Equal("built at 1", await Get("841"));
        Assert.Equal("built at 1", await Get("841"));
        Assert.Equal("built at 1", await Get("841"));
        Assert.Equal(1, probes);

        // Another council's change leaves this one alone; its own change is checked once, then heard of no more.
        changes.Changed("842");
        Assert.Equal("built at 1", await Get("841"));
        Assert.Equal(1, probes);
        mark = 2;
        changes.Changed("841");
        Assert.Equal("built at 2", await Get("841"));
        Assert.Equal("built at 2", await Get("841"));
        Assert.Equal(2, probes);

        // A change heard of that moved nothing (a rolled-back write) costs one probe, and the entry is current again.
        changes.Changed("841");
        Assert.Equal("built at 2", await Get("841"));
        Assert.Equal("built at 2", await Get("841"));
        Assert.Equal(3, probes);
    }

    [Fact]
    public async Task When_changes_may_be_missed_every_read_probes_and_hearing_again_checks_each_council_once()
    {
        var changes = new CouncilChanges();
        var cache = new CouncilCache<string, long>(Roomy, changes);
        var (probes, mark) = (0, 1L);
        Task<long> Probe(CancellationToken _)
        {
            probes++;
            return Task.FromResult(mark);
        }

        Task<CouncilEntry<string, long>> Refresh(CouncilEntry<string, long>? previous, long probed, CancellationToken _) =>
            Task.FromResult(new CouncilEntry<string, long>($"built at {probed}", probed, 1));
        Task<string> Get() => cache.GetAsync("841", Probe, Refresh, default).ContinueWith(t => t.Result.State);

        // Not hearing (SQLite, or the listener not yet connected): a probe per read, as a change could go unheard.
        await Get();
        await Get();
        Assert.Equal(2, probes);

        changes.StartedHearing();
        await Get();
        await Get();
        Assert.Equal(3, probes);

        // The connection drops: a change made meanwhile is found by the probe, not missed.
        changes.StoppedHearing();
        mark = 5;
        Assert.Equal("built at 5", await Get());
        changes.StartedHearing();
        Assert.Equal("built at 5", await Get());
        Assert.Equal("built at 5", await Get());
        Assert.Equal(5, probes);
    }

    private static Task<CachedLog<long>> CatchUp(CachedLog<long>? cached, List<long> table, List<(long After, long UpTo)> reads)
    {
        var probed = new LogMark(table.Count, table.Count == 0 ? 0 : table.Max());
        return AppendOnlyLog.CatchUpAsync(
            cached,
            probed,
            (after, upTo, _) =>
            {
                reads.Add((after, upTo));
                return Task.FromResult(table.Where(s => s > after && s <= upTo).ToList());
            },
            s => s,
            default);
    }
}
