namespace Workforce.ServiceDefaults.Retention;

/// <summary>
/// Which rows of an append-only log go with the owners (posts, cases, supervisees) that expired. A row belongs to its
/// owner, to every owner of a row with the same id (a later source version may name another owner), and a correction
/// to the owners of what it retracts: a row shared with an owner that stays keeps every owner it touches, so removing
/// rows never changes what the remaining log says.
/// </summary>
public static class ExpiredRows
{
    public static (IReadOnlySet<string> Owners, IReadOnlyList<TRow> Rows) Select<TRow>(
        IReadOnlyList<TRow> rows,
        IEnumerable<string> candidates,
        Func<TRow, string?> owner,
        Func<TRow, string> id,
        Func<TRow, string?> retracts)
    {
        var ownersById = rows.Where(r => owner(r) is not null)
            .ToLookup(id, r => owner(r)!, StringComparer.Ordinal);
        var touched = rows.Select(row =>
        {
            var owners = new HashSet<string>(ownersById[id(row)], StringComparer.Ordinal);
            if (owner(row) is { } own)
            {
                owners.Add(own);
            }

            if (retracts(row) is { } retracted)
            {
                owners.UnionWith(ownersById[retracted]);
            }

            return (Row: row, Owners: owners);
        }).ToList();

        var expired = new HashSet<string>(candidates, StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var (_, owners) in touched)
            {
                if (owners.Overlaps(expired) && !owners.IsSubsetOf(expired))
                {
                    changed |= expired.RemoveWhere(owners.Contains) > 0;
                }
            }
        }
        while (changed);

        return (expired, touched.Where(t => t.Owners.Count > 0 && t.Owners.IsSubsetOf(expired)).Select(t => t.Row).ToList());
    }
}
