using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Operations.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Data;
using Workforce.ServiceDefaults.Grpc;

namespace Workforce.ServiceDefaults.Audit;

/// <summary><c>operations.v1.Audit</c>: a council's audit records for its information-governance lead.</summary>
public sealed class AuditService(ServiceDbContext db) : global::Operations.V1.Audit.AuditBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.AuthorityRows)]
    public override async Task<ListAuditRecordsReply> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        var from = Dates.KnownAt(request.From, violations, "from");
        var to = Dates.KnownAt(request.To, violations, "to");
        if (from is not null && to is not null && to < from)
        {
            violations.Add("to", "must not be before from");
        }

        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"must be from 0 (default {DefaultPageSize}) to {MaxPageSize}");
        }

        var offset = 0;
        if (request.PageToken.Length > 0 && !PageTokens.TryRead(request.PageToken, out offset))
        {
            violations.Add("page_token", "is not a token this service issued");
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, request.Authority);

        var fromMs = from?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var toMs = to?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var page = await db.Set<AuditRecord>().AsNoTracking()
            .Where(r => r.Authority == request.Authority && r.ReadAtUnixMs >= fromMs && r.ReadAtUnixMs < toMs)
            .OrderBy(r => r.Sequence)
            .Skip(offset)
            .Take(pageSize + 1)
            .ToListAsync(context.CancellationToken);

        var reply = new ListAuditRecordsReply { NextPageToken = page.Count > pageSize ? PageTokens.Write(offset + pageSize) : "" };
        reply.Records.AddRange(page.Take(pageSize).Select(r =>
        {
            var record = new global::Operations.V1.AuditRecord
            {
                Subject = r.Subject,
                Authority = r.Authority,
                Team = r.Team,
                Rpc = r.Rpc,
                Disclosure = r.Disclosure,
                ReadAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(r.ReadAtUnixMs)),
                TraceId = r.TraceId,
            };
            record.Roles.AddRange(Split(r.Roles));
            record.CallerTeams.AddRange(Split(r.CallerTeams));
            return record;
        }));
        return reply;
    }

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');
}
