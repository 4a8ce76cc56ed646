using Microsoft.EntityFrameworkCore;
using Workforce.Contracts;

namespace Workforce.ServiceDefaults.Operations;

/// <summary>A row of a read model kept from <see cref="StaffMemberChanged"/> events: one per post, replaced whole by a newer version.</summary>
public interface IStaffRow
{
    string Authority { get; }

    string StaffId { get; }

    long Version { get; set; }

    /// <summary>Takes the event's state if its version is higher than the row's; false otherwise.</summary>
    bool Apply(StaffMemberChanged message);
}

/// <summary>Rebuilds one council's rows of a service's staff read model from the workforce service's snapshot.</summary>
public interface IStaffReadModel
{
    Task<StaffRebuild> RebuildAsync(string authority, StaffSnapshot snapshot, CancellationToken cancellationToken);
}

/// <param name="Version">The council's latest change-log sequence in the snapshot: a row above it reflects a later change.</param>
public sealed record StaffSnapshot(long Version, IReadOnlyList<StaffMemberChanged> Posts);

/// <param name="Written">Staff ids whose rows now hold the snapshot's state.</param>
public sealed record StaffRebuild(IReadOnlyList<string> Written, int Removed, int KeptNewer);

public static class StaffReadModelRebuild
{
    /// <summary>
    /// Makes the council's tracked rows equal to the snapshot: every post is rewritten from it (a lost row is added, a
    /// damaged one repaired even at the same version) unless the row is newer than the snapshot, and rows of posts the
    /// source does not hold are removed unless newer. The caller saves; the rows' version is a concurrency token, so an
    /// event applied meanwhile makes the save fail rather than be overwritten.
    /// </summary>
    public static async Task<StaffRebuild> ReplaceAsync<TRow>(
        DbSet<TRow> rows,
        string authority,
        StaffSnapshot snapshot,
        Func<StaffMemberChanged, TRow> create,
        CancellationToken cancellationToken)
        where TRow : class, IStaffRow
    {
        var held = (await rows.Where(r => r.Authority == authority).ToListAsync(cancellationToken))
            .ToDictionary(r => r.StaffId, StringComparer.Ordinal);
        var written = new List<string>();
        var keptNewer = 0;
        foreach (var post in snapshot.Posts)
        {
            if (!held.Remove(post.StaffId, out var row))
            {
                row = create(post);
                rows.Add(row);
            }
            else if (row.Version > post.Version)
            {
                keptNewer++;
                continue;
            }

            row.Version = 0;
            row.Apply(post);
            written.Add(post.StaffId);
        }

        var stale = held.Values.Where(r => r.Version <= snapshot.Version).ToList();
        rows.RemoveRange(stale);
        return new StaffRebuild(written, stale.Count, keptNewer + held.Count - stale.Count);
    }
}
