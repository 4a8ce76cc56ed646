using System.Collections.Concurrent;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>Where a council's change history stood, as this process had heard it, when a read began.</summary>
public readonly record struct ChangeStamp(long Epoch, long Generation);

/// <summary>
/// What this process has heard of changes to councils' cached rows: its own commits at once
/// (<see cref="CouncilChangeInterceptor"/>), every writer's — other replicas, operators' SQL — from PostgreSQL
/// notifications (<see cref="CouncilChangeListener"/>). While notifications are heard, a council built after the
/// last change heard of it is current without asking the database. Whenever they are not (SQLite, the listener
/// connecting or reconnecting), every read checks the council's watermark in the database instead.
/// </summary>
public sealed class CouncilChanges
{
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private long _epoch;
    private volatile bool _hearing;

    /// <summary>True while every commit to a cached table is heard of (the listener is connected and listening).</summary>
    public bool Hearing => _hearing;

    /// <summary>Taken before reading a council's rows: the state read is current until a change after it is heard.</summary>
    public ChangeStamp Stamp(string authority) => new(Volatile.Read(ref _epoch), Generation(authority));

    /// <summary>True when nothing has changed the council since <paramref name="stamp"/>, as far as this process can know.</summary>
    public bool Unchanged(string authority, ChangeStamp stamp) =>
        _hearing && stamp.Epoch == Volatile.Read(ref _epoch) && stamp.Generation == Generation(authority);

    public void Changed(string authority) => _generations.AddOrUpdate(authority, 1, (_, generation) => generation + 1);

    /// <summary>Notifications are heard from now on; anything built before may have missed one, so it is checked once.</summary>
    public void StartedHearing()
    {
        Interlocked.Increment(ref _epoch);
        _hearing = true;
    }

    /// <summary>Notifications may be missed from now on: every read checks the database until hearing starts again.</summary>
    public void StoppedHearing()
    {
        _hearing = false;
        Interlocked.Increment(ref _epoch);
    }

    private long Generation(string authority) => _generations.TryGetValue(authority, out var generation) ? generation : 0;
}
