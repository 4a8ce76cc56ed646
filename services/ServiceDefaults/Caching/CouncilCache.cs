using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>A council's built state, the database watermark it reflects and how many log rows it holds.</summary>
public sealed record CouncilEntry<TState, TMark>(TState State, TMark Mark, long Rows);

/// <summary>
/// Councils' built read state kept between queries. An entry no change has been heard of since it was built answers
/// at once (<see cref="CouncilChanges"/>). Otherwise the query reads a cheap watermark of the council's rows: when it
/// equals the entry's, the entry answers; else one refresh per council runs at a time (from the previous entry, so
/// it can catch up incrementally) and swaps in a new immutable entry. Readers queued behind a refresh that began
/// after they read their watermark take its result instead of refreshing again.
/// </summary>
public sealed class CouncilCache<TState, TMark>(CouncilCacheOptions options, CouncilChanges changes)
    where TMark : IEquatable<TMark>
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _clock;

    public int Count => _slots.Count;

    public bool Contains(string authority) => _slots.ContainsKey(authority);

    public async Task<CouncilEntry<TState, TMark>> GetAsync(
        string authority,
        Func<CancellationToken, Task<TMark>> probe,
        Func<CouncilEntry<TState, TMark>?, TMark, CancellationToken, Task<CouncilEntry<TState, TMark>>> refresh,
        CancellationToken cancellationToken)
    {
        // Taken before anything is read: a change committed after it is heard of after it, and makes what is read stale.
        var stamp = changes.Stamp(authority);
        var slot = _slots.GetOrAdd(authority, _ => new Slot());
        slot.LastUsed = Interlocked.Increment(ref _clock);
        if (slot.Current is { } heard && changes.Unchanged(authority, heard.Stamp))
        {
            return heard.Entry;
        }

        var asked = Stopwatch.GetTimestamp();
        var mark = await probe(cancellationToken);
        if (slot.Current is { } current && current.Entry.Mark.Equals(mark))
        {
            // Still what the database holds: current as of this reader's stamp, so later readers need not check again.
            Interlocked.CompareExchange(ref slot.Current, current with { Stamp = stamp }, current);
            return current.Entry;
        }

        Loaded loaded;
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Current is { } fresh && (fresh.Entry.Mark.Equals(mark) || fresh.LoadStarted >= asked))
            {
                return fresh.Entry;
            }

            var started = Stopwatch.GetTimestamp();
            loaded = new Loaded(await refresh(slot.Current?.Entry, mark, cancellationToken), started, stamp);
            slot.Current = loaded;
        }
        finally
        {
            slot.Gate.Release();
        }

        // A refresh of a council evicted meanwhile puts it back: it is the most recently used.
        _slots.TryAdd(authority, slot);
        Evict(authority);
        return loaded.Entry;
    }

    /// <summary>Drops least recently used councils, never <paramref name="keep"/>, until both bounds hold.</summary>
    private void Evict(string keep)
    {
        lock (_evicting)
        {
            while (true)
            {
                var held = _slots.ToArray();
                var rows = held.Sum(s => s.Value.Current?.Entry.Rows ?? 0);
                if (held.Length <= options.MaxCouncils && rows <= options.MaxRows)
                {
                    return;
                }

                var others = held.Where(s => s.Key != keep).ToArray();
                if (others.Length == 0)
                {
                    return;
                }

                _slots.TryRemove(others.MinBy(s => s.Value.LastUsed));
            }
        }
    }

    private sealed record Loaded(CouncilEntry<TState, TMark> Entry, long LoadStarted, ChangeStamp Stamp);

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile Loaded? Current;

        public long LastUsed;
    }
}
