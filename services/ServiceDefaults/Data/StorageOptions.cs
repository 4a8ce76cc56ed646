namespace Workforce.ServiceDefaults.Data;

/// <summary>Where the service keeps its data (section <c>Storage</c>; <c>ConnectionStrings:Postgres</c> switches to PostgreSQL).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder of the SQLite file, one file per service; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long a SQLite write waits for another writer's lock before the call fails as UNAVAILABLE.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
}
