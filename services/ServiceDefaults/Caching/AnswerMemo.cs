using System.Collections.Concurrent;

namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// Figures already worked out from one immutable snapshot of a council, by question. The snapshot never changes, so
/// a figure worked out once is the answer for as long as the snapshot is current; a new snapshot starts an empty memo.
/// Bounded: past <see cref="MaxAnswers"/> questions, further ones are worked out each time and not kept.
/// </summary>
public sealed class AnswerMemo
{
    /// <summary>
    /// A dashboard asks a few days of a council. At 4,096, asking every council in England about hundreds of different
    /// days grew the caseload service from 822 to 1,030 MiB resident (national load run).
    /// </summary>
    public const int MaxAnswers = 256;

    private readonly ConcurrentDictionary<object, object?> _answers = new();

    public T GetOrAdd<TKey, T>(TKey question, Func<T> work)
        where TKey : notnull
    {
        if (_answers.TryGetValue(question, out var held))
        {
            return (T)held!;
        }

        var answer = work();
        if (_answers.Count < MaxAnswers)
        {
            _answers.TryAdd(question, answer);
        }

        return answer;
    }
}
