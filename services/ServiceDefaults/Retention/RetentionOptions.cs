namespace Workforce.ServiceDefaults.Retention;

/// <summary>How long worker- and case-level rows are kept (<c>Retention:Years</c>; unset keeps everything) and how long audit records are.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Leavers and closed cases older than this many years are purged; null (the default) purges nothing.</summary>
    public int? Years { get; set; }

    /// <summary>How often the scheduled purge runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
