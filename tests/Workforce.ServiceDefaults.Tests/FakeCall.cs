using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Workforce.ServiceDefaults.Auth;

namespace Workforce.ServiceDefaults.Tests;

/// <summary>A server call as an interceptor sees it: the caller's claims and the RPC's endpoint metadata, no network.</summary>
public sealed class FakeCall : ServerCallContext
{
    private readonly Dictionary<object, object> _userState = [];

    private FakeCall(string method, ClaimsPrincipal user, object[] metadata)
    {
        MethodCore = method;
        var http = new DefaultHttpContext { User = user };
        http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(metadata), method));
        // Where grpc-dotnet's GetHttpContext() looks outside a real host.
        _userState["__HttpContext"] = http;
    }

    public static FakeCall For(string method, ClaimsPrincipal user, params object[] metadata) => new(method, user, metadata);

    /// <summary>The request's services (as <c>HttpContext.RequestServices</c>), e.g. an audit trail.</summary>
    public FakeCall WithServices(IServiceProvider services)
    {
        ((HttpContext)_userState["__HttpContext"]).RequestServices = services;
        return this;
    }

    public static FakeCall Anonymous(string method) => new(method, new ClaimsPrincipal(new ClaimsIdentity()), [new AllowAnonymousAttribute()]);

    public static ClaimsPrincipal Caller(string subject, string[] authorities, params string[] teams)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(authorities.Select(a => new Claim(WorkforceClaims.Authority, a)));
        claims.AddRange(teams.Select(t => new Claim(WorkforceClaims.Team, t)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer"));
    }

    protected override string MethodCore { get; }

    protected override string HostCore => "127.0.0.1";

    protected override string PeerCore => "ipv4:127.0.0.1:40000";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => CancellationToken.None;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}

/// <summary>A client stream replayed from a list.</summary>
public sealed class ListReader<T>(params T[] items) : IAsyncStreamReader<T>
{
    private int _next = -1;

    public T Current => items[_next];

    public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(++_next < items.Length);
}

/// <summary>Keeps what was logged, by category.</summary>
public sealed class RecordingLogs : ILoggerProvider
{
    private readonly List<(string Category, string Message)> _records = [];

    public IReadOnlyList<(string Category, string Message)> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._records)
            {
                owner._records.Add((category, formatter(state, exception)));
            }
        }
    }
}
