using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Google.Rpc;
using Workforce.Testing;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Calls over HTTP/1.1 to a service's HTTP listener, as Power BI, Excel or an HR webhook would make them.</summary>
public static class JsonHttp
{
    public static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(Workforce.ServiceDefaults.Grpc.MalformedMessages.ErrorDetails));

    public static IReadOnlyList<string> Violations(string body) =>
        Parser.Parse<Google.Rpc.Status>(body) is { Code: (int)Code.InvalidArgument } status
            ? status.Details.Single().Unpack<BadRequest>().FieldViolations.Select(v => v.Field).ToList()
            : throw new InvalidOperationException($"not INVALID_ARGUMENT: {body}");

    public static async Task<T> GetAsync<T>(ServiceProcess service, string pathAndQuery, string token)
        where T : IMessage, new()
    {
        var (status, body) = await GetRawAsync(service, pathAndQuery, token);
        Assert.True(status == HttpStatusCode.OK, $"{pathAndQuery}: {status} {body}");
        return Parser.Parse<T>(body);
    }

    public static Task<(HttpStatusCode Status, string Body)> GetRawAsync(ServiceProcess service, string pathAndQuery, string? token) =>
        SendAsync(service, new HttpRequestMessage(HttpMethod.Get, pathAndQuery), token);

    public static Task<(HttpStatusCode Status, string Body)> PostAsync(ServiceProcess service, string path, string json, string? token) =>
        SendAsync(service, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, token);

    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(ServiceProcess service, HttpRequestMessage request, string? token, HttpMessageHandler? handler = null)
    {
        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = service.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        request.Version = HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using (request)
        {
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}
