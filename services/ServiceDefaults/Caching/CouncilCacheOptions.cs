namespace Workforce.ServiceDefaults.Caching;

/// <summary>
/// Bounds of a service's in-memory cache of councils' built read state (section <c>ReadCache</c>). The least recently
/// queried council is dropped first once either bound is passed; a dropped council is rebuilt on its next query.
/// </summary>
public sealed class CouncilCacheOptions
{
    public const string Section = "ReadCache";

    /// <summary>At most this many councils are held (England has 153 authorities).</summary>
    public int MaxCouncils { get; set; } = 200;

    /// <summary>
    /// At most this many log rows are held across councils (a supervision session and what is built from it took
    /// about 0.9 KiB of managed heap at national scale); a single council larger than this is still held, alone.
    /// </summary>
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>
    /// On PostgreSQL, hear of councils' changes by notification and answer from a council unchanged since it was built
    /// without a database check (false: check the council's watermark on every read, as on SQLite).
    /// </summary>
    public bool Notifications { get; set; } = true;
}
