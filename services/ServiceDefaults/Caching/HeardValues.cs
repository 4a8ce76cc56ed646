using System.Collections.Concurrent;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// Small values read from the database per council and question, reused while no change to the council's cached
/// tables has been heard (<see cref="CouncilChanges"/>); read every time while changes could go unheard.
/// Bounded: past <see cref="MaxValues"/> it starts again empty.
/// </summary>
public sealed class HeardValues<TKey, TValue>(CouncilChanges changes)
    where TKey : notnull
{
    public const int MaxValues = 10_000;

    private readonly ConcurrentDictionary<(string Authority, TKey Key), (ChangeStamp Stamp, TValue Value)> _values = new();

    public async Task<TValue> GetAsync(string authority, TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        var stamp = changes.Stamp(authority);
        if (_values.TryGetValue((authority, key), out var held) && changes.Unchanged(authority, held.Stamp))
        {
            return held.Value;
        }

        var value = await read(cancellationToken);
        if (changes.Hearing)
        {
            if (_values.Count >= MaxValues)
            {
                _values.Clear();
            }

            // A value stored over a newer one carries its older stamp, so it is read again rather than served stale.
            _values[(authority, key)] = (stamp, value);
        }

        return value;
    }
}
