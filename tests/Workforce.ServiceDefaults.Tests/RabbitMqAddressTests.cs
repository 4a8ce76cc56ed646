using Workforce.ServiceDefaults.Messaging;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class RabbitMqAddressTests
{
    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", "127.0.0.1", 5672, "/", "guest", "guest")]
    [InlineData("amqp://hr:s%40cret@broker:35672/councils", "broker", 35672, "councils", "hr", "s@cret")]
    [InlineData("amqp://u:p@h/%2F", "h", 5672, "/", "u", "p")]
    [InlineData("amqp://h", "h", 5672, "/", "guest", "guest")]
    public void Parses_host_port_virtual_host_and_credentials(string uri, string host, int port, string vhost, string user, string password)
    {
        Assert.Equal(new RabbitMqAddress(host, (ushort)port, vhost, user, password), RabbitMqAddress.Parse(uri));
    }

    [Fact]
    public void Rejects_other_schemes()
    {
        Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse("http://127.0.0.1:15672/"));
    }
}
