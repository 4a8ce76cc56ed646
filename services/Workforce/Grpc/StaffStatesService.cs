using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Operations.V1;
using Workforce.Api.Application;
using Workforce.Api.Data;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Messaging;

namespace Workforce.Api.Grpc;

/// <summary>The register's current state per post, for services rebuilding their read models (operations role).</summary>
public sealed class StaffStatesService(WorkforceDbContext db) : StaffStates.StaffStatesBase
{
    private const int PostsPerChunk = 500;

    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.AuthorityRows)]
    public override async Task ExportStaffStates(ExportStaffStatesRequest request, IServerStreamWriter<StaffStatesChunk> responseStream, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Authority))
        {
            new FieldViolations().Add("authority", "is required.").ThrowIfAny();
        }

        CallerScope.DemandAuthority(context, request.Authority);
        // One query is one snapshot: every version it yields, and the snapshot's own, come from the same commits.
        var log = await db.StaffChanges.AsNoTracking().Where(c => c.Authority == request.Authority).ToListAsync(context.CancellationToken);
        var snapshotVersion = log.Select(c => c.Sequence).DefaultIfEmpty(0).Max();
        var posts = PostStateEvents.Current(request.Authority, log).Select(e => JsonSerializer.Serialize(e, MessageJson.Options));
        var sent = false;
        foreach (var chunk in posts.Chunk(PostsPerChunk))
        {
            await responseStream.WriteAsync(new StaffStatesChunk { SnapshotVersion = snapshotVersion, StaffMemberChangedJson = { chunk } }, context.CancellationToken);
            sent = true;
        }

        if (!sent)
        {
            await responseStream.WriteAsync(new StaffStatesChunk { SnapshotVersion = snapshotVersion }, context.CancellationToken);
        }
    }
}
