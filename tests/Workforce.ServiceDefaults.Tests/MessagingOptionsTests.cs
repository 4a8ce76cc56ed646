using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workforce.ServiceDefaults.Messaging;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class MessagingOptionsTests
{
    [Fact]
    public void Configured_retry_intervals_replace_the_defaults()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Messaging:RetryIntervals:0"] = "00:00:00.3",
            ["Messaging:RetryIntervals:1"] = "00:00:02",
        });

        Assert.Equal([TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2)], options.EffectiveRetryIntervals);
    }

    [Fact]
    public void Without_configuration_three_intervals_of_200_ms_1_s_and_5_s_apply()
    {
        var options = Bind([]);

        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)], options.EffectiveRetryIntervals);
    }

    [Fact]
    public void The_bus_sends_no_usage_telemetry_to_its_vendor()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:RabbitMq"] = "amqp://guest:guest@127.0.0.1:5672/";
        builder.AddServiceMessaging("test");
        using var services = builder.Services.BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<MassTransit.UsageTelemetryOptions>>().Value.Enabled);
    }

    private static MessagingOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(MessagingOptions.Section).Get<MessagingOptions>()
        ?? new MessagingOptions();
}
