using System.Collections.Concurrent;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// Whole answers of many-council reads by councils and day: a regional or national dashboard asks the same day of
/// the same councils again and again. An answer is reused while no change to any of its councils has been heard since
/// it began to be built (<see cref="CouncilChanges"/>, the same rule as every council's cached state), and built afresh
/// otherwise, and always while changes could go unheard. Bounded: past <see cref="MaxAnswers"/> it starts again empty.
/// </summary>
public sealed class ManyCouncilAnswers<TReply>(CouncilChanges changes)
    where TReply : class
{
    public const int MaxAnswers = 64;

    private readonly ConcurrentDictionary<(string Councils, DateOnly Day), (ChangeStamp[] Stamps, TReply Reply)> _answers = new();

    /// <summary>The answer about <paramref name="authorities"/> on <paramref name="day"/>: shared by later calls, so no caller may change it.</summary>
    public async Task<TReply> GetOrBuildAsync(IReadOnlyList<string> authorities, DateOnly day, Func<Task<TReply>> build)
    {
        var key = (string.Join(',', authorities), day);
        if (_answers.TryGetValue(key, out var held) && Unchanged(authorities, held.Stamps))
        {
            return held.Reply;
        }

        // Taken before anything is read: a change committed during the build makes the answer stale, not lost.
        var stamps = authorities.Select(changes.Stamp).ToArray();
        var reply = await build();
        if (changes.Hearing)
        {
            if (_answers.Count >= MaxAnswers)
            {
                _answers.Clear();
            }

            _answers[key] = (stamps, reply);
        }

        return reply;
    }

    private bool Unchanged(IReadOnlyList<string> authorities, ChangeStamp[] stamps)
    {
        for (var i = 0; i < authorities.Count; i++)
        {
            if (!changes.Unchanged(authorities[i], stamps[i]))
            {
                return false;
            }
        }

        return true;
    }
}
