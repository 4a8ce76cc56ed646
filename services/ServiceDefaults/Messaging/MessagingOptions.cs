namespace Workforce.ServiceDefaults.Messaging;

/// <summary>Broker and delivery settings (section <c>Messaging</c>; the broker URI is <c>ConnectionStrings:RabbitMq</c>).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary><c>classic</c> or <c>quorum</c>; must match how existing queues were declared.</summary>
    public string QueueType { get; set; } = "classic";

    private static readonly TimeSpan[] DefaultRetryIntervals = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    /// <summary>
    /// Delays between in-memory redeliveries of a failing message before it goes to <c>_error</c>. Empty by default:
    /// the configuration binder appends to an initialised array, so configured intervals would follow the defaults.
    /// </summary>
    public TimeSpan[] RetryIntervals { get; set; } = [];

    /// <summary>The configured intervals, or 200 ms, 1 s and 5 s when none are configured.</summary>
    public TimeSpan[] EffectiveRetryIntervals => RetryIntervals.Length > 0 ? RetryIntervals : DefaultRetryIntervals;

    public int PrefetchCount { get; set; } = 16;

    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How often the dispatcher looks for rows when no commit woke it (e.g. rows written by another replica).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan OutboxMaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one publish may wait for the broker's confirm before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox backlog gauges are refreshed from the database.</summary>
    public TimeSpan OutboxMetricsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the depth of each consumer's <c>_error</c> queue is read from the broker.</summary>
    public TimeSpan ErrorQueueCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dispatcher replica holds the rows it claimed; it starts no publish that could outlast the lease,
    /// and another replica takes the rows over once it has passed (e.g. after a crash). Longer than <see cref="PublishTimeout"/>.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsQuorum => string.Equals(QueueType, "quorum", StringComparison.OrdinalIgnoreCase);
}
