namespace Workforce.ServiceDefaults.Caching;

/// <summary>Watermark of a council's append-only log: how many rows it has and the highest sequence.</summary>
public readonly record struct LogMark(long Rows, long Last);

/// <summary>A council's log rows in sequence order, and the watermark they reflect.</summary>
public sealed record CachedLog<TRow>(IReadOnlyList<TRow> Rows, LogMark Mark)
{
    public static CachedLog<TRow> Of(IEnumerable<TRow> rows, Func<TRow, long> sequence)
    {
        var ordered = rows.OrderBy(sequence).ToArray();
        return new CachedLog<TRow>(ordered, new LogMark(ordered.Length, ordered.Length == 0 ? 0 : sequence(ordered[^1])));
    }
}

/// <summary>
/// Brings a cached log up to a probed watermark. Rows are only ever appended with a higher sequence, so when the rows
/// after the cached last sequence (up to the probed one) make up the probed count exactly, the cache plus them is the
/// log. Anything else — fewer rows (retention, offboarding, a rebuild deleted some) or a row committed late with a lower
/// sequence — reloads the whole log.
/// </summary>
public static class AppendOnlyLog
{
    /// <param name="rowsBetween">Rows with a sequence above the first bound and at most the second.</param>
    public static async Task<CachedLog<TRow>> CatchUpAsync<TRow>(
        CachedLog<TRow>? cached,
        LogMark probed,
        Func<long, long, CancellationToken, Task<List<TRow>>> rowsBetween,
        Func<TRow, long> sequence,
        CancellationToken cancellationToken)
    {
        if (cached is not null && cached.Mark.Equals(probed))
        {
            return cached;
        }

        if (cached is not null && probed.Rows >= cached.Mark.Rows && probed.Last >= cached.Mark.Last)
        {
            var added = await rowsBetween(cached.Mark.Last, probed.Last, cancellationToken);
            if (cached.Mark.Rows + added.Count == probed.Rows)
            {
                TRow[] rows = [.. cached.Rows, .. added.OrderBy(sequence)];
                return new CachedLog<TRow>(rows, probed);
            }
        }

        return CachedLog<TRow>.Of(await rowsBetween(0, long.MaxValue, cancellationToken), sequence);
    }
}
