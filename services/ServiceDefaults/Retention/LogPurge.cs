using Microsoft.EntityFrameworkCore;

namespace Workforce.ServiceDefaults.Retention;

public static class LogPurge
{
    private const int DeleteBatch = 500;

    /// <summary>Deletes rows of <typeparamref name="TRow"/> by key, in batches small enough for any engine's parameter limit.</summary>
    public static async Task<int> DeleteAsync<TRow, TKey>(
        DbContext db, IReadOnlyList<TKey> keys, Func<IReadOnlyList<TKey>, System.Linq.Expressions.Expression<Func<TRow, bool>>> matching, CancellationToken cancellationToken)
        where TRow : class
    {
        var deleted = 0;
        foreach (var batch in keys.Chunk(DeleteBatch))
        {
            deleted += await db.Set<TRow>().Where(matching(batch)).ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }
}
