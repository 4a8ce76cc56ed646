using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Workforce.ServiceDefaults.Grpc;

namespace Workforce.ServiceDefaults.Telemetry;

/// <summary>
/// The suite's own spans and metrics. One meter serves every service and each measurement carries the service's
/// name, so one Prometheus or OTLP backend tells the services apart. Tags hold authority codes, kinds, statuses,
/// queue and event names and counts — never a person's or a case's id.
/// </summary>
public sealed partial class ServiceTelemetry
{
    public const string MeterName = "Workforce";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    private readonly KeyValuePair<string, object?> _service;
    private readonly TimeProvider _clock;
    private readonly ILogger<ServiceTelemetry> _logger;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _consumed;
    private readonly Histogram<double> _consumeDuration;
    private readonly Histogram<double> _consumeLag;
    private readonly Histogram<double> _rebuildDuration;
    private readonly Counter<long> _alerts;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _latestApplied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorQueueDepths = new(StringComparer.Ordinal);
    private OutboxBacklog? _outbox;

    /// <summary>Registers the service's telemetry once, whichever of the defaults, storage or messaging asks first.</summary>
    public static void Register(IServiceCollection services, string serviceName)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ServiceTelemetry(
            serviceName, sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ServiceTelemetry>>()));
    }

    public ServiceTelemetry(string serviceName, IMeterFactory meters, TimeProvider clock, ILogger<ServiceTelemetry> logger)
    {
        _service = new("service", serviceName);
        _clock = clock;
        _logger = logger;
        Source = new ActivitySource(serviceName);
        var meter = meters.Create(MeterName);

        _changes = meter.CreateCounter<long>("workforce.changes", "{change}",
            "Changes (staffing changes, allocations, supervision sessions) committed, by kind and status: applied, duplicate, superseded or unmatched.");
        _rejected = meter.CreateCounter<long>("workforce.requests.rejected", "{request}",
            "gRPC calls refused with an error status (invalid input, conflicting content, another council's data), by method and status code.");
        _consumed = meter.CreateCounter<long>("workforce.events.consumed", "{event}",
            "Integration events a consumer finished, by consumer queue, event and outcome (ok, or failed for an attempt that threw).");
        _consumeDuration = meter.CreateHistogram("workforce.consume.duration", "s",
            "Time from receiving an event to finishing it, by consumer queue.", advice: SecondsAdvice());
        _consumeLag = meter.CreateHistogram("workforce.consume.lag", "s",
            "Time from the change being recorded at its source to the consumer finishing it, by consumer queue.", advice: SecondsAdvice());
        _rebuildDuration = meter.CreateHistogram("workforce.readmodel.rebuild.duration", "s",
            "Time to rebuild one council's read model from the workforce service (operations RebuildReadModel).",
            advice: SecondsAdvice());
        _alerts = meter.CreateCounter<long>("workforce.alerts.emitted", "{alert}",
            "Alerts published to the broker, by alert.");
        meter.CreateObservableGauge("workforce.outbox.pending", ObserveOutboxPending, "{message}",
            "Outbox rows committed but not yet confirmed by the broker.");
        meter.CreateObservableGauge("workforce.outbox.oldest.age", ObserveOutboxOldestAge, "s",
            "Age of the oldest outbox row not yet confirmed by the broker (0 when none waits).");
        meter.CreateObservableGauge("workforce.error_queue.depth", ObserveErrorQueues, "{message}",
            "Messages waiting in a consumer's _error queue, by queue.");
        meter.CreateObservableGauge("workforce.freshness.age", ObserveFreshness, "s",
            "Age of the latest change applied from each source: an event type from another service, or this service's own writes.");
    }

    public string ServiceName => (string)_service.Value!;

    /// <summary>The service's own spans (the source named after the service).</summary>
    public ActivitySource Source { get; }

    /// <summary>
    /// Records one batch under a span tagged with the authority, the batch size and the kinds in it; once
    /// <paramref name="record"/> has committed, counts every item by kind and status.
    /// </summary>
    /// <param name="what">Names the span (<c>record {what}</c>) and the freshness source, e.g. <c>allocation changes</c>.</param>
    /// <param name="kindNames">Each item's kind, as its enum name (<c>CaseDiscussion</c> is tagged <c>case_discussion</c>).</param>
    public async Task<IReadOnlyList<WriteStatus>> RecordBatchAsync(
        string what, string authority, IReadOnlyList<string> kindNames, Func<Task<IReadOnlyList<WriteStatus>>> record)
    {
        var kinds = kindNames.Select(TagValue).ToList();
        using var activity = Source.StartActivity("record " + what);
        activity?.SetTag("workforce.authority", authority);
        activity?.SetTag("workforce.batch_size", kinds.Count);
        activity?.SetTag("workforce.change_kinds", string.Join(',', kinds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));

        var statuses = await record();

        var counts = new int[Enum.GetValues<WriteStatus>().Length + 1];
        for (var i = 0; i < statuses.Count; i++)
        {
            counts[(int)statuses[i]]++;
            _changes.Add(1, _service, new("kind", kinds[i]), new("status", TagValue(statuses[i].ToString())));
        }

        _latestApplied[what] = _clock.GetUtcNow();
        LogBatchRecorded(statuses.Count, what, authority,
            counts[(int)WriteStatus.Applied], counts[(int)WriteStatus.Duplicate], counts[(int)WriteStatus.Superseded], counts[(int)WriteStatus.Unmatched]);
        return statuses;
    }

    public void Rejected(string method, string code) =>
        _rejected.Add(1, _service, new("method", method), new("code", code));

    /// <summary>A consumer finished an event: its processing time and its lag behind the source.</summary>
    public void Consumed(string consumer, string eventName, TimeSpan elapsed, DateTimeOffset recordedAt)
    {
        var now = _clock.GetUtcNow();
        var consumerTag = new KeyValuePair<string, object?>("consumer", consumer);
        _consumed.Add(1, _service, consumerTag, new("event", eventName), new("outcome", "ok"));
        _consumeDuration.Record(elapsed.TotalSeconds, _service, consumerTag);
        _consumeLag.Record(EventTimes.Lag(recordedAt, now).TotalSeconds, _service, consumerTag);
        _latestApplied.AddOrUpdate(eventName, recordedAt, (_, held) => held > recordedAt ? held : recordedAt);
    }

    public void ConsumeFailed(string consumer, string eventName) =>
        _consumed.Add(1, _service, new("consumer", consumer), new("event", eventName), new("outcome", "failed"));

    public void ReadModelRebuilt(TimeSpan elapsed) => _rebuildDuration.Record(elapsed.TotalSeconds, _service);

    public void AlertEmitted(string alert) => _alerts.Add(1, _service, new("alert", alert));

    public void SetOutboxBacklog(OutboxBacklog backlog) => _outbox = backlog;

    public void SetErrorQueueDepth(string queue, long depth) => _errorQueueDepths[queue] = depth;

    /// <summary>An enum name as a tag value in the snake case Prometheus users expect: <c>CaseDiscussion</c> → <c>case_discussion</c>.</summary>
    public static string TagValue(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static InstrumentAdvice<double> SecondsAdvice() => new() { HistogramBucketBoundaries = SecondsBuckets };

    private IEnumerable<Measurement<long>> ObserveOutboxPending() =>
        _outbox is { } outbox ? [new(outbox.Pending, _service)] : [];

    private IEnumerable<Measurement<double>> ObserveOutboxOldestAge() =>
        _outbox is { } outbox ? [new(outbox.OldestAge(_clock.GetUtcNow()).TotalSeconds, _service)] : [];

    private IEnumerable<Measurement<long>> ObserveErrorQueues() =>
        _errorQueueDepths.Select(q => new Measurement<long>(q.Value, _service, new("queue", q.Key))).ToList();

    private IEnumerable<Measurement<double>> ObserveFreshness()
    {
        var now = _clock.GetUtcNow();
        return _latestApplied.Select(s => new Measurement<double>(EventTimes.Lag(s.Value, now).TotalSeconds, _service, new("source", s.Key))).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Recorded {BatchSize} {What} for authority {Authority}: {Applied} applied, {Duplicate} duplicate, {Superseded} superseded, {Unmatched} unmatched")]
    private partial void LogBatchRecorded(int batchSize, string what, string authority, int applied, int duplicate, int superseded, int unmatched);
}

/// <summary>What the outbox held at the last look: rows waiting, and when the oldest of them was written.</summary>
public sealed record OutboxBacklog(long Pending, DateTimeOffset? OldestCreatedAt)
{
    public TimeSpan OldestAge(DateTimeOffset now) => OldestCreatedAt is { } oldest ? EventTimes.Lag(oldest, now) : TimeSpan.Zero;
}
