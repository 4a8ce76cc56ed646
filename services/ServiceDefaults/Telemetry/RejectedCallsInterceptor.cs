using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Workforce.ServiceDefaults.Telemetry;

/// <summary>Counts calls refused with an error status (a rejected batch is rejected whole), by method and status code.</summary>
public sealed class RejectedCallsInterceptor(ServiceTelemetry telemetry) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException error)
        {
            Count(context, error);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (RpcException error)
        {
            Count(context, error);
            throw;
        }
    }

    private void Count(ServerCallContext context, RpcException error)
    {
        // A caller that went away is not a refusal.
        if (error.StatusCode is not (StatusCode.Cancelled or StatusCode.DeadlineExceeded))
        {
            telemetry.Rejected(MethodName(context.Method), error.StatusCode.ToString());
        }
    }

    /// <summary><c>/caseload.v1.CaseAllocations/RecordAllocationChanges</c> → <c>RecordAllocationChanges</c>.</summary>
    public static string MethodName(string method) => method[(method.LastIndexOf('/') + 1)..];
}
