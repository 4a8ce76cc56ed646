using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workforce.Testing;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Telemetry;
using Xunit;

namespace Workforce.ServiceDefaults.Tests.Telemetry;

public sealed class ServiceTelemetryTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly TestClock _clock = new(new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly ServiceTelemetry _telemetry;

    public ServiceTelemetryTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _telemetry = new ServiceTelemetry("caseload", meters, _clock, NullLogger<ServiceTelemetry>.Instance);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meters: other tests in the process publish the same instruments at the same time.
            if (instrument.Meter.Name == ServiceTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    [Fact]
    public async Task A_committed_batch_counts_each_item_by_kind_and_status_for_its_service()
    {
        WriteStatus[] statuses = [WriteStatus.Applied, WriteStatus.Unmatched, WriteStatus.Duplicate];

        await _telemetry.RecordBatchAsync("allocation changes", "841", ["Open", "Allocate", "Open"], () => Task.FromResult<IReadOnlyList<WriteStatus>>(statuses));

        var changes = _measurements.Where(m => m.Instrument == "workforce.changes").ToList();
        Assert.Equal(3, changes.Count);
        Assert.All(changes, m => Assert.Equal("caseload", m.Tags["service"]));
        Assert.Equal(
            ["open/applied", "allocate/unmatched", "open/duplicate"],
            changes.Select(m => $"{m.Tags["kind"]}/{m.Tags["status"]}"));
    }

    [Fact]
    public async Task A_batch_that_fails_counts_nothing()
    {
        await Assert.ThrowsAsync<RpcException>(() => _telemetry.RecordBatchAsync("allocation changes", "841", ["Open"],
            () => throw new RpcException(new Status(StatusCode.AlreadyExists, "conflict"))));

        Assert.DoesNotContain(_measurements, m => m.Instrument == "workforce.changes");
    }

    [Fact]
    public void The_outbox_gauges_show_the_last_backlog_and_its_oldest_row_ageing_between_looks()
    {
        _telemetry.SetOutboxBacklog(new OutboxBacklog(4, _clock.GetUtcNow().AddSeconds(-20)));
        _clock.Advance(TimeSpan.FromSeconds(10));

        _listener.RecordObservableInstruments();

        Assert.Equal(4, Assert.Single(_measurements, m => m.Instrument == "workforce.outbox.pending").Value);
        Assert.Equal(30, Assert.Single(_measurements, m => m.Instrument == "workforce.outbox.oldest.age").Value);
    }

    [Fact]
    public void An_empty_outbox_has_no_oldest_row_age()
    {
        _telemetry.SetOutboxBacklog(new OutboxBacklog(0, null));

        _listener.RecordObservableInstruments();

        Assert.Equal(0, Assert.Single(_measurements, m => m.Instrument == "workforce.outbox.oldest.age").Value);
    }

    [Fact]
    public void A_consumed_event_records_its_lag_and_makes_its_source_fresh()
    {
        var recorded = _clock.GetUtcNow().AddSeconds(-8);

        _telemetry.Consumed("caseload-staff-member-changed", "StaffMemberChanged", TimeSpan.FromMilliseconds(40), recorded);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _listener.RecordObservableInstruments();

        Assert.Equal(8, Assert.Single(_measurements, m => m.Instrument == "workforce.consume.lag").Value);
        Assert.Equal(0.04, Assert.Single(_measurements, m => m.Instrument == "workforce.consume.duration").Value, 6);
        var freshness = Assert.Single(_measurements, m => m.Instrument == "workforce.freshness.age");
        Assert.Equal(10, freshness.Value);
        Assert.Equal("StaffMemberChanged", freshness.Tags["source"]);
    }

    [Fact]
    public void An_older_event_arriving_late_does_not_make_its_source_look_staler()
    {
        var now = _clock.GetUtcNow();
        _telemetry.Consumed("q", "StaffMemberChanged", TimeSpan.Zero, now.AddSeconds(-5));
        _telemetry.Consumed("q", "StaffMemberChanged", TimeSpan.Zero, now.AddMinutes(-5));

        _listener.RecordObservableInstruments();

        Assert.Equal(5, Assert.Single(_measurements, m => m.Instrument == "workforce.freshness.age").Value);
    }

    [Theory]
    [InlineData("CaseDiscussion", "case_discussion")]
    [InlineData("Applied", "applied")]
    [InlineData("Open", "open")]
    public void Kinds_and_statuses_are_tagged_in_snake_case(string name, string tag)
    {
        Assert.Equal(tag, ServiceTelemetry.TagValue(name));
    }

    [Theory]
    [InlineData("/caseload.v1.CaseAllocations/RecordAllocationChanges", "RecordAllocationChanges")]
    [InlineData("/grpc.health.v1.Health/Check", "Check")]
    public void A_rejected_call_is_named_by_its_method(string path, string method)
    {
        Assert.Equal(method, RejectedCallsInterceptor.MethodName(path));
    }

    [Theory]
    [InlineData("rabbitmq://127.0.0.1:5672/councils/caseload-staff-member-changed", "caseload-staff-member-changed")]
    [InlineData("rabbitmq://broker/supervision-council-settings-changed?bind=true", "supervision-council-settings-changed")]
    [InlineData(null, "unknown")]
    public void A_consumer_is_named_by_its_queue(string? address, string queue)
    {
        Assert.Equal(queue, ConsumeMetricsObserver.QueueName(address is null ? null : new Uri(address)));
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
