using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Operations.V1;
using Workforce.Contracts;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Messaging;
using Workforce.ServiceDefaults.Telemetry;

namespace Workforce.ServiceDefaults.Operations;

/// <summary>
/// Rebuilds the service's staff read model of one council from the workforce service, asked with the caller's own
/// token, so the workforce service applies the same role and council checks it would to the operator.
/// </summary>
public sealed class ReadModelsService(StaffStates.StaffStatesClient workforce, IStaffReadModel readModel, ServiceTelemetry telemetry) : ReadModels.ReadModelsBase
{
    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.Writes)]
    public override async Task<RebuildReadModelReply> RebuildReadModel(RebuildReadModelRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Authority))
        {
            new FieldViolations().Add("authority", "is required.").ThrowIfAny();
        }

        CallerScope.DemandAuthority(context, request.Authority);
        var started = Stopwatch.GetTimestamp();
        var snapshot = await ReadSnapshotAsync(request.Authority, context);
        StaffRebuild rebuild;
        try
        {
            rebuild = await readModel.RebuildAsync(request.Authority, snapshot, context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(StatusCode.Aborted, "An event changed the read model during the rebuild; nothing was written. Try again."));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.ReadModelRebuilt(elapsed);
        return new RebuildReadModelReply
        {
            SourcePosts = snapshot.Posts.Count,
            Replaced = rebuild.Written.Count,
            Removed = rebuild.Removed,
            KeptNewer = rebuild.KeptNewer,
            ElapsedMs = (long)elapsed.TotalMilliseconds,
        };
    }

    private async Task<StaffSnapshot> ReadSnapshotAsync(string authority, ServerCallContext context)
    {
        var headers = new Metadata();
        if (context.RequestHeaders.GetValue("authorization") is { } bearer)
        {
            headers.Add("authorization", bearer);
        }

        using var call = workforce.ExportStaffStates(new ExportStaffStatesRequest { Authority = authority }, headers, context.Deadline, context.CancellationToken);
        var version = 0L;
        var posts = new List<StaffMemberChanged>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(context.CancellationToken))
        {
            version = chunk.SnapshotVersion;
            posts.AddRange(chunk.StaffMemberChangedJson.Select(json => JsonSerializer.Deserialize<StaffMemberChanged>(json, MessageJson.Options)!));
        }

        return new StaffSnapshot(version, posts);
    }
}
