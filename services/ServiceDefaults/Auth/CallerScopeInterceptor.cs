using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workforce.ServiceDefaults.Audit;
using Workforce.ServiceDefaults.Grpc;

namespace Workforce.ServiceDefaults.Auth;

/// <summary>
/// Enforces the caller's scope on every RPC, whatever its handler does: the request's (and every streamed chunk's)
/// <c>authority</c> must be in the token, a team-scoped caller gets only what the RPC's <see cref="DisclosesAttribute"/>
/// allows it, and reads of absence data are audited: logged, and written to the service's <see cref="IAuditTrail"/>
/// before the answer leaves (a read whose record cannot be written is not answered). Health and reflection
/// ([AllowAnonymous]) pass untouched.
/// </summary>
public sealed partial class CallerScopeInterceptor(ILoggerFactory loggers, TimeProvider clock) : Interceptor
{
    public const string AuditCategory = "Workforce.Audit";

    private readonly ILogger _audit = loggers.CreateLogger(AuditCategory);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Declared(context) is not { } declared)
        {
            return await continuation(request, context);
        }

        Demand(declared, request, context);
        var response = await continuation(request, context);
        await AuditAsync(declared, request, context);
        return response;
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Declared(context) is not { } declared)
        {
            return await continuation(requestStream, context);
        }

        return await continuation(new ScopedReader<TRequest>(requestStream, chunk =>
        {
            Demand(declared, chunk, context);
            return Task.CompletedTask;
        }), context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Declared(context) is { } declared)
        {
            Demand(declared, request, context);
            await AuditAsync(declared, request, context);
        }

        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Declared(context) is not { } declared)
        {
            await continuation(requestStream, responseStream, context);
            return;
        }

        await continuation(new ScopedReader<TRequest>(requestStream, chunk =>
        {
            Demand(declared, chunk, context);
            return AuditAsync(declared, chunk, context);
        }), responseStream, context);
    }

    /// <summary>The RPC's declaration; null for an anonymous one. An RPC that declares nothing is refused, not let through.</summary>
    private static DisclosesAttribute? Declared(ServerCallContext context)
    {
        var metadata = context.GetHttpContext().GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        return metadata?.GetMetadata<DisclosesAttribute>()
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} declares no [Discloses]: refused until it does."));
    }

    private static void Demand(DisclosesAttribute declared, object request, ServerCallContext context)
    {
        if (declared.Disclosure == Disclosure.ServiceWide)
        {
            CallerScope.DemandTeam(context, null);
            return;
        }

        if (declared.Disclosure == Disclosure.Councils)
        {
            DemandCouncils(request, context);
            return;
        }

        var authority = Text(request, "authority")
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} names no authority to authorize."));
        var team = Text(request, "team") is { Length: > 0 } named ? named : null;

        // Checked before the refusals below, which name them: a huge or malformed value must never reach a header.
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", authority, Identifiers.MaxAuthorityLength);
        if (team is not null)
        {
            Identifiers.Check(violations, "team", team, Identifiers.MaxIdLength);
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, authority);
        switch (declared.Disclosure)
        {
            case Disclosure.TeamRows:
                CallerScope.DemandTeam(context, team);
                break;
            case Disclosure.AuthorityRows or Disclosure.Writes:
                CallerScope.DemandTeam(context, null);
                break;
        }
    }

    /// <summary>Every council a many-council read names must be in the token; a team-scoped caller sees no whole council.</summary>
    private static void DemandCouncils(object request, ServerCallContext context)
    {
        var named = Texts(request, "authorities")
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} names no authorities to authorize."));
        var violations = new FieldViolations();
        for (var i = 0; i < named.Count; i++)
        {
            Identifiers.Check(violations, $"authorities[{i}]", named[i], Identifiers.MaxAuthorityLength);
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthorities(context, named);
        CallerScope.DemandTeam(context, null);
    }

    private async Task AuditAsync(DisclosesAttribute declared, object request, ServerCallContext context)
    {
        if (!declared.Absence)
        {
            return;
        }

        var http = context.GetHttpContext();
        var user = http.User;
        // A many-council read is one record per council, so each council's audit log shows it.
        IReadOnlyList<string> authorities = declared.Disclosure == Disclosure.Councils
            ? CallerScope.Councils(user, Texts(request, "authorities") ?? [])
            : [Text(request, "authority") ?? ""];
        var subject = user.FindFirst("sub")?.Value ?? "";
        var roles = string.Join(",", user.FindAll(WorkforceClaims.Role).Select(c => c.Value).Order(StringComparer.Ordinal));
        var team = Text(request, "team") ?? "";
        var callerTeams = string.Join(",", CallerScope.Teams(user).Order(StringComparer.Ordinal));
        var readAt = clock.GetUtcNow();
        var traceId = Activity.Current?.TraceId.ToHexString() ?? "";
        var records = authorities.Select(authority => new AuditRecord
        {
            Subject = subject,
            Roles = roles,
            Authority = authority,
            Team = team,
            CallerTeams = callerTeams,
            Rpc = context.Method,
            Disclosure = declared.Disclosure.ToString(),
            ReadAtUnixMs = readAt.ToUnixTimeMilliseconds(),
            TraceId = traceId,
        }).ToList();
        AbsenceRead(subject, context.Method, string.Join(",", authorities), team, Text(request, "staff_id") ?? "", callerTeams, readAt);

        if (http.RequestServices?.GetService<IAuditTrail>() is not { } trail)
        {
            return;
        }

        try
        {
            await trail.WriteAsync(records, context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AuditWriteFailed(exception, context.Method);
            throw new RpcException(new Status(StatusCode.Unavailable, "The read could not be audited, so it is not answered; try again."));
        }
    }

    /// <summary>A string field of a request by its proto name; null when the message has none.</summary>
    private static string? Text(object request, string field) =>
        request is IMessage message && message.Descriptor.FindFieldByName(field) is { FieldType: Google.Protobuf.Reflection.FieldType.String, IsRepeated: false } descriptor
            ? (string)descriptor.Accessor.GetValue(message)
            : null;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Absence data read: subject {Subject} called {Rpc} for authority {Authority}, team '{Team}', staff '{StaffId}' (caller's teams '{CallerTeams}') at {ReadAt:O}")]
    private partial void AbsenceRead(string subject, string rpc, string authority, string team, string staffId, string callerTeams, DateTimeOffset readAt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The audit record of a read of {Rpc} could not be written; the read was refused")]
    private partial void AuditWriteFailed(Exception exception, string rpc);

    /// <summary>A repeated string field of a request by its proto name; null when the message has none.</summary>
    private static IReadOnlyList<string>? Texts(object request, string field) =>
        request is IMessage message && message.Descriptor.FindFieldByName(field) is { FieldType: Google.Protobuf.Reflection.FieldType.String, IsRepeated: true } descriptor
            ? [.. ((System.Collections.IEnumerable)descriptor.Accessor.GetValue(message)).Cast<string>()]
            : null;

    /// <summary>Checks each chunk of a stream as the handler reads it, before the handler sees it.</summary>
    private sealed class ScopedReader<T>(IAsyncStreamReader<T> inner, Func<T, Task> check) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            await check(inner.Current!);
            return true;
        }
    }
}
