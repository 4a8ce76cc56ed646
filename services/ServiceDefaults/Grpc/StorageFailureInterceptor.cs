using System.Data.Common;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>
/// Turns a database that is down, locked or full into UNAVAILABLE (retry later: writes are atomic and idempotent, so
/// nothing was half-written and a retry is safe), and a write that lost a race into ABORTED, instead of UNKNOWN.
/// Any other failure stays what it is. Only the exception type is logged: messages can carry values.
/// </summary>
public sealed class StorageFailureInterceptor(ILogger<StorageFailureInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (Classify(exception) is { } status)
        {
            throw Fail(context, exception, status);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (Classify(exception) is { } status)
        {
            throw Fail(context, exception, status);
        }
    }

    /// <summary>The status a storage failure deserves, or null when <paramref name="exception"/> is not one.</summary>
    public static StatusCode? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState switch
                    {
                        // Integrity violations, serialization failures and deadlocks: a concurrent write won.
                        _ when postgres.SqlState.StartsWith("23", StringComparison.Ordinal) => StatusCode.Aborted,
                        "40001" or "40P01" => StatusCode.Aborted,
                        // Insufficient resources, operator intervention (shutdown), system errors.
                        _ when postgres.SqlState[..2] is "53" or "57" or "58" => StatusCode.Unavailable,
                        _ => null,
                    };
                case NpgsqlException:
                    return StatusCode.Unavailable;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode switch
                    {
                        SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCannotOpen => StatusCode.Unavailable,
                        SqliteConstraint => StatusCode.Aborted,
                        _ => null,
                    };
                case DbException:
                    return null;
            }
        }

        return null;
    }

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteConstraint = 19;

    private RpcException Fail(ServerCallContext context, Exception exception, StatusCode status)
    {
        logger.LogWarning("{Method} failed on storage ({ExceptionType}); answered {Status}", context.Method, exception.GetBaseException().GetType().Name, status);
        return new RpcException(new Status(status, $"{Describe(status)}; nothing of this call was written. Retry: writes are idempotent per change id."));
    }

    public static string Describe(StatusCode status) => status == StatusCode.Aborted
        ? "a concurrent write to the same records won"
        : "the service's database is unavailable";
}
