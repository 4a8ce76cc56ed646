using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Workforce.Testing;

/// <summary>The broker's management HTTP API: a virtual host per test class keeps classes from seeing each other's queues.</summary>
public sealed class RabbitMqAdmin(string managementUrl, string username = "guest", string password = "guest") : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(managementUrl.TrimEnd('/') + "/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))) },
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static RabbitMqAdmin ForTestBroker() => new(TestEnvironment.RabbitMqManagementUrl);

    /// <summary>Creates a virtual host for guest and returns the AMQP URI that selects it.</summary>
    public async Task<string> CreateVirtualHostAsync(string brokerUri, string name)
    {
        (await _http.PutAsync($"api/vhosts/{Uri.EscapeDataString(name)}", null)).EnsureSuccessStatusCode();
        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        (await _http.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(name)}/{username}", permissions)).EnsureSuccessStatusCode();
        return new UriBuilder(brokerUri) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    }

    public async Task DeleteVirtualHostAsync(string name) =>
        await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}");

    /// <summary>The queue's description, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetQueueAsync(string virtualHost, string queue)
    {
        var response = await _http.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }

    /// <summary>Messages delivered so far on each channel consuming from the queue (the broker's statistics lag a few seconds).</summary>
    public async Task<IReadOnlyList<long>> DeliveriesPerConsumerAsync(string virtualHost, string queue)
    {
        var consumers = (await GetQueueAsync(virtualHost, queue))?["consumer_details"]?.AsArray() ?? [];
        var deliveries = new List<long>();
        foreach (var channel in consumers.Select(c => c!["channel_details"]!["name"]!.GetValue<string>()).Distinct())
        {
            var stats = JsonNode.Parse(await _http.GetStringAsync($"api/channels/{Uri.EscapeDataString(channel)}"))!["message_stats"];
            deliveries.Add(stats?["deliver_get"]?.GetValue<long>() ?? 0);
        }

        return deliveries;
    }

    /// <summary>Reads up to <paramref name="count"/> messages and puts them back (the queue is unchanged).</summary>
    public async Task<IReadOnlyList<JsonObject>> PeekAsync(string virtualHost, string queue, int count = 10)
    {
        var request = new { count, ackmode = "ack_requeue_true", encoding = "auto" };
        var response = await _http.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}/get", request);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(m => m!.AsObject()).ToList();
    }

    public static string NewVirtualHostName(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 14)];

    public void Dispose() => _http.Dispose();
}
