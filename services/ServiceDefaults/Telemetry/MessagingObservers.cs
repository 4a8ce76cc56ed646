using MassTransit;

namespace Workforce.ServiceDefaults.Telemetry;

/// <summary>Processing time, lag and outcome of every event a consumer of this service handles.</summary>
public sealed class ConsumeMetricsObserver(ServiceTelemetry telemetry, TimeProvider clock) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var recordedAt = EventTimes.RecordedAt(context.Message, context.SentTime, clock.GetUtcNow());
        telemetry.Consumed(QueueName(context.ReceiveContext.InputAddress), typeof(T).Name, context.ReceiveContext.ElapsedTime, recordedAt);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        telemetry.ConsumeFailed(QueueName(context.ReceiveContext.InputAddress), typeof(T).Name);
        return Task.CompletedTask;
    }

    /// <summary>A consumer is known by its queue (one consumer per queue, prefixed by service): the address's last segment.</summary>
    public static string QueueName(Uri? inputAddress) =>
        inputAddress?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";
}

/// <summary>Counts alerts once the broker has taken them (the outbox publishes only what was committed).</summary>
public sealed class AlertPublishObserver(ServiceTelemetry telemetry) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (EventTimes.IsAlert(typeof(T)))
        {
            telemetry.AlertEmitted(typeof(T).Name);
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
