using Grpc.Core;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>Limits as a client meets them: per-caller rate, message size and deadlines, each a clear status.</summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private const string Authority = "841";
    private const int Burst = 5;

    private LoneWorkforce _workforce = null!;

    public async Task InitializeAsync() => _workforce = await LoneWorkforce.StartAsync(new Dictionary<string, string>
    {
        ["RateLimiting__Burst"] = Burst.ToString(),
        ["RateLimiting__PermitsPerSecond"] = "1",
        ["Grpc__MaxReceiveMessageBytes"] = (64 * 1024).ToString(),
    });

    public async Task DisposeAsync() => await _workforce.DisposeAsync();

    private StaffRegister.StaffRegisterClient Client() => new(_workforce.Service.CreateChannel());

    [Fact]
    public async Task A_caller_past_its_rate_gets_RESOURCE_EXHAUSTED_and_another_caller_is_still_answered()
    {
        var busy = Token("busy-caller", WorkforceRoles.Analyst);
        var statuses = new List<StatusCode>();
        for (var i = 0; i < Burst * 3; i++)
        {
            statuses.Add(await StatusOf(() => Client().GetAgencyRateAsync(new FigureRequest { Authority = Authority }, busy).ResponseAsync));
        }

        var other = await StatusOf(() => Client().GetAgencyRateAsync(new FigureRequest { Authority = Authority }, Token("quiet-caller", WorkforceRoles.Analyst)).ResponseAsync);

        Assert.All(statuses.Take(Burst), s => Assert.Equal(StatusCode.OK, s));
        Assert.Contains(StatusCode.ResourceExhausted, statuses.Skip(Burst));
        Assert.All(statuses, s => Assert.True(s is StatusCode.OK or StatusCode.ResourceExhausted, s.ToString()));
        Assert.Equal(StatusCode.OK, other);
    }

    [Fact]
    public async Task Over_JSON_a_caller_past_its_rate_gets_429_with_RESOURCE_EXHAUSTED_in_the_body()
    {
        var busy = TestTokens.Create([WorkforceRoles.Analyst], [Authority], subject: "busy-json-caller");
        var answers = new List<(System.Net.HttpStatusCode Status, string Body)>();
        for (var i = 0; i < Burst * 3; i++)
        {
            answers.Add(await JsonHttp.GetRawAsync(_workforce.Service, $"/v1/authorities/{Authority}/agency-rate", busy));
        }

        var refused = answers.Skip(Burst).Where(a => a.Status == System.Net.HttpStatusCode.TooManyRequests).ToList();

        Assert.All(answers.Take(Burst), a => Assert.Equal(System.Net.HttpStatusCode.OK, a.Status));
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.Equal((int)Google.Rpc.Code.ResourceExhausted, JsonHttp.Parser.Parse<Google.Rpc.Status>(a.Body).Code));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_RESOURCE_EXHAUSTED_and_records_nothing()
    {
        var changes = Enumerable.Range(0, 1000).Select(_ => Requests.Assignment()).ToArray();

        var status = await StatusOf(() => Client().RecordStaffChangesAsync(Requests.Batch(Authority, changes), Token("big-sender", WorkforceRoles.HrWriter)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, status);
        Assert.Equal(0, await StaffCountAsync("big-sender-reader"));
    }

    [Fact]
    public async Task A_write_past_its_deadline_is_DEADLINE_EXCEEDED_and_leaves_the_batch_whole_or_absent()
    {
        var changes = Enumerable.Range(0, 300).Select(_ => Requests.Assignment()).ToArray();
        var writer = Token("hurried-writer", WorkforceRoles.HrWriter);

        var status = await StatusOf(() => Client().RecordStaffChangesAsync(Requests.Batch(Authority, changes), writer, DateTime.UtcNow.AddMilliseconds(20)).ResponseAsync);
        // Give a write the server did not abandon time to finish: it must then be whole.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var held = await StaffCountAsync("hurried-reader");
        var retried = await Client().RecordStaffChangesAsync(Requests.Batch(Authority, changes), writer, DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(StatusCode.DeadlineExceeded, status);
        Assert.True(held is 0 or 300, $"{held} of 300 changes were recorded");
        Assert.All(retried.Results, r => Assert.Equal(held == 0 ? ChangeStatus.Applied : ChangeStatus.Duplicate, r.Status));
    }

    private async Task<int> StaffCountAsync(string subject) =>
        (await Client().ListStaffAsync(new ListStaffRequest { Authority = Authority, AsOf = Requests.Day(2025, 6, 1) }, Token(subject, WorkforceRoles.Analyst))).TotalSize;

    private static Metadata Token(string subject, string role) => Suite.Bearer(TestTokens.Create([role], [Authority], subject: subject));

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
