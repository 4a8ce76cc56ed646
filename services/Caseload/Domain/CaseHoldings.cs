namespace Caseload.Api.Domain;

/// <summary>
/// How many cases each worker holds on any day, in all and by category: built once from a council's case timelines,
/// so a day's figures cost one lookup per worker instead of a pass over every case.
/// </summary>
public sealed class CaseHoldings
{
    private readonly KeyValuePair<string, Holding>[] _workers;

    private CaseHoldings(KeyValuePair<string, Holding>[] workers) => _workers = workers;

    public static CaseHoldings Of(IEnumerable<CaseTimeline> cases)
    {
        var changes = new Dictionary<string, List<(DateOnly Day, CaseCategory Category, int Change)>>(StringComparer.Ordinal);
        foreach (var period in cases.SelectMany(c => c.Periods))
        {
            if (period.StaffId is null)
            {
                continue;
            }

            if (!changes.TryGetValue(period.StaffId, out var worker))
            {
                changes[period.StaffId] = worker = [];
            }

            worker.Add((period.From, period.Category, 1));
            if (period.To is { } to)
            {
                worker.Add((to, period.Category, -1));
            }
        }

        return new CaseHoldings(changes.Select(w => KeyValuePair.Create(w.Key, Holding.Of(w.Value))).ToArray());
    }

    /// <summary>Each worker holding at least one case on <paramref name="day"/> (of <paramref name="category"/>; any when null), with how many.</summary>
    public IEnumerable<(string StaffId, int Cases)> On(DateOnly day, CaseCategory? category)
    {
        foreach (var (staffId, holding) in _workers)
        {
            if (holding.On(day, category) is var cases and > 0)
            {
                yield return (staffId, cases);
            }
        }
    }

    /// <summary>One worker's counts, as step functions of the day: each count holds from its day until the next.</summary>
    private sealed class Holding(DateOnly[] days, int[] all, Dictionary<CaseCategory, int[]> byCategory)
    {
        public static Holding Of(List<(DateOnly Day, CaseCategory Category, int Change)> changes)
        {
            changes.Sort((a, b) => a.Day.CompareTo(b.Day));
            var days = new List<DateOnly>();
            var all = new List<int>();
            var byCategory = new Dictionary<CaseCategory, List<int>>();
            foreach (var change in changes)
            {
                // A new day starts from the counts the day before ended with.
                if (days.Count == 0 || days[^1] != change.Day)
                {
                    days.Add(change.Day);
                    all.Add(all.Count == 0 ? 0 : all[^1]);
                    foreach (var counts in byCategory.Values)
                    {
                        counts.Add(counts[^1]);
                    }
                }

                if (!byCategory.TryGetValue(change.Category, out var category))
                {
                    byCategory[change.Category] = category = [.. Enumerable.Repeat(0, days.Count)];
                }

                all[^1] += change.Change;
                category[^1] += change.Change;
            }

            return new Holding([.. days], [.. all], byCategory.ToDictionary(c => c.Key, c => c.Value.ToArray()));
        }

        public int On(DateOnly day, CaseCategory? category)
        {
            // The last change on or before the day decides; before the first, nothing is held.
            var found = Array.BinarySearch(days, day);
            var at = found >= 0 ? found : ~found - 1;
            if (at < 0)
            {
                return 0;
            }

            return category is not { } only ? all[at] : byCategory.TryGetValue(only, out var counts) ? counts[at] : 0;
        }
    }
}
