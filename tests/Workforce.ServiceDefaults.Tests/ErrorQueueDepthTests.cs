using RabbitMQ.Client;
using Workforce.ServiceDefaults.Messaging;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

/// <summary>The <c>_error</c> depth read from the test broker, in a virtual host of its own.</summary>
public sealed class ErrorQueueDepthTests : IAsyncLifetime
{
    private readonly RabbitMqAdmin _admin = RabbitMqAdmin.ForTestBroker();
    private readonly string _virtualHost = RabbitMqAdmin.NewVirtualHostName("depth");
    private IConnection _connection = null!;

    public async Task InitializeAsync()
    {
        var broker = RabbitMqAddress.Parse(await _admin.CreateVirtualHostAsync(TestEnvironment.RabbitMqUri, _virtualHost));
        _connection = await new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
        }.CreateConnectionAsync();
    }

    [Fact]
    public async Task Counts_the_messages_waiting_in_an_error_queue()
    {
        await using (var channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("caseload-staff-member-changed_error", durable: true, exclusive: false, autoDelete: false);
            for (var i = 0; i < 2; i++)
            {
                await channel.BasicPublishAsync("", "caseload-staff-member-changed_error", new byte[] { 1 });
            }
        }

        Assert.Equal(2, await BrokerMonitor.ReadDepthAsync(_connection, "caseload-staff-member-changed_error", CancellationToken.None));
    }

    [Fact]
    public async Task A_queue_not_declared_yet_is_empty_and_is_not_created()
    {
        Assert.Equal(0, await BrokerMonitor.ReadDepthAsync(_connection, "caseload-never-failed_error", CancellationToken.None));
        Assert.Equal(0, await BrokerMonitor.ReadDepthAsync(_connection, "caseload-never-failed_error", CancellationToken.None));

        Assert.Null(await _admin.GetQueueAsync(_virtualHost, "caseload-never-failed_error"));
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _admin.DeleteVirtualHostAsync(_virtualHost);
        _admin.Dispose();
    }
}
