using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Workforce.Api.Application;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;

namespace Workforce.Api.Grpc;

public sealed class StaffRegisterService(
    StaffChangeRecorder recorder,
    RegisterReader reader,
    CouncilFigures figures,
    ManyCouncilAnswers<BatchGetAgencyRatesReply> manyCouncils,
    TimeProvider clock) : StaffRegister.StaffRegisterBase
{
    [Authorize(Policy = WorkforceRoles.HrWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<RecordStaffChangesReply> RecordStaffChanges(RecordStaffChangesRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var changes = StaffChangesValidator.ToChanges(request, now);
        CallerScope.DemandAuthority(context, request.Authority);
        var statuses = await recorder.RecordAsync(request.Authority, changes, context.CancellationToken);

        var reply = new RecordStaffChangesReply { RecordedAt = Timestamp.FromDateTimeOffset(now) };
        reply.Results.AddRange(changes.Select((c, i) => new ChangeResult { ChangeId = c.ChangeId, Status = (ChangeStatus)(int)statuses[i] }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.HrWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<StreamStaffChangesSummary> StreamStaffChanges(IAsyncStreamReader<RecordStaffChangesRequest> requestStream, ServerCallContext context)
    {
        var totals = await ChunkedFeed.ReadAsync(requestStream, async (chunk, at) =>
        {
            var now = clock.GetUtcNow();
            var changes = StaffChangesValidator.ToChanges(chunk, now, at);
            CallerScope.DemandAuthority(context, chunk.Authority);
            var statuses = await recorder.RecordAsync(chunk.Authority, changes, context.CancellationToken);
            return new ChunkResult(statuses, now);
        }, context.CancellationToken);

        return new StreamStaffChangesSummary
        {
            ChunksCommitted = totals.Chunks,
            Applied = totals.Applied,
            Duplicate = totals.Duplicate,
            Superseded = totals.Superseded,
            Unmatched = totals.Unmatched,
            LastRecordedAt = totals.LastRecordedAt is { } last ? Timestamp.FromDateTimeOffset(last) : null,
        };
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.TeamRows)]
    public override async Task<ListStaffReply> ListStaff(ListStaffRequest request, ServerCallContext context)
    {
        var query = StaffListQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Figures.Authority);
        var register = await reader.LoadAsync(query.Figures.Authority, query.Figures.KnownAt, context.CancellationToken);
        return Replies.StaffList(query.Page(register), register.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<AgencyRateSeries> GetAgencyRateSeries(SeriesRequest request, ServerCallContext context)
    {
        var query = SeriesQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var rates = await figures.AgencyRatesAsync(query.Authority, query.Scope, query.MonthEnds, query.KnownAt, context.CancellationToken);
        var series = new AgencyRateSeries { Freshness = Replies.Freshness(rates.Watermark) };
        series.Points.AddRange(query.MonthEnds.Select((day, i) => Replies.AgencyRate(rates.Figures[i], day, rates.Watermark)));
        return series;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates, Absence = true)]
    public override async Task<WorkforceStabilitySeries> GetWorkforceStabilitySeries(SeriesRequest request, ServerCallContext context)
    {
        var query = SeriesQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var stability = await figures.StabilityAsync(query.Authority, query.Scope, query.MonthEnds, query.KnownAt, context.CancellationToken);
        var series = new WorkforceStabilitySeries { Freshness = Replies.Freshness(stability.Watermark) };
        series.Points.AddRange(stability.Figures.Select(figure => Replies.Stability(figure, stability.Watermark)));
        return series;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<CouncilSettingsReply> GetCouncilSettings(GetCouncilSettingsRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request.Authority, "", 0, request.AsOf, request.KnownAt, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var entry = register.Settings.EntryOn(query.AsOf);
        return new CouncilSettingsReply
        {
            Settings = CouncilSettingsMapper.ToProto(entry?.Settings ?? Contracts.CouncilSettings.Default),
            EffectiveFrom = entry is null ? null : Dates.ToProto(entry.From),
            Freshness = Replies.Freshness(register.Watermark),
        };
    }

    [Authorize(Policy = WorkforceRoles.Operations)]
    [Discloses(Disclosure.Writes)]
    public override async Task<SetCouncilSettingsReply> SetCouncilSettings(SetCouncilSettingsRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var change = SettingsChangeValidator.ToChange(request, now);
        CallerScope.DemandAuthority(context, request.Authority);
        var statuses = await recorder.RecordAsync(request.Authority, [change], context.CancellationToken);
        return new SetCouncilSettingsReply { Status = (ChangeStatus)(int)statuses[0], RecordedAt = Timestamp.FromDateTimeOffset(now) };
    }

    /// <summary>Analysts reconcile; applying writes to the register, so it also needs the writer's role.</summary>
    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.AuthorityRows)]
    public override async Task<ReconcileStaffReply> ReconcileStaff(ReconcileStaffRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var query = ReconcileQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        if (query.Apply && !context.GetHttpContext().User.IsInRole(WorkforceRoles.HrWriter))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Applying a reconciliation records changes: it needs the role {WorkforceRoles.HrWriter} as well."));
        }

        var register = await reader.LoadAsync(query.Authority, null, context.CancellationToken);
        var reconciliation = StaffReconciliation.Compare(query.Authority, register, query.AsOf, query.Posts, now);
        var statuses = query.Apply && reconciliation.Closing.Count > 0
            ? await recorder.RecordAsync(query.Authority, reconciliation.Closing, context.CancellationToken)
            : [];
        return Replies.Reconciliation(reconciliation, statuses, register.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.StaffMember)]
    public override async Task<StaffMember> GetStaffMember(GetStaffMemberRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request.Authority, "", 0, request.AsOf, request.KnownAt, clock, staffId: request.StaffId);
        CallerScope.DemandAuthority(context, query.Authority);
        var register = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var post = register.Post(request.StaffId) is { IsUnmatched: false } found
            ? found
            : throw new RpcException(new Status(StatusCode.NotFound, $"No post '{request.StaffId}' in authority '{request.Authority}' as known then."));
        CallerScope.DemandTeam(context, post.Periods.Where(p => p.From <= query.AsOf).MaxBy(p => p.From)?.State.Team);
        return Replies.StaffMember(post, query.AsOf, register.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<AgencyRateReply> GetAgencyRate(FigureRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var rate = await figures.AgencyRatesAsync(query.Authority, query.Scope, [query.AsOf], query.KnownAt, context.CancellationToken);
        return Replies.AgencyRate(rate.Figures[0], query.AsOf, rate.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Councils)]
    public override async Task<BatchGetAgencyRatesReply> BatchGetAgencyRates(BatchGetAgencyRatesRequest request, ServerCallContext context)
    {
        var query = CouncilsQuery.Parse(request.Authorities, request.AsOf, context, clock);
        return await manyCouncils.GetOrBuildAsync(query.Authorities, query.AsOf, async () =>
        {
            var reply = new BatchGetAgencyRatesReply();
            foreach (var authority in query.Authorities)
            {
                var rate = await figures.AgencyRatesAsync(authority, Scope.Council, [query.AsOf], null, context.CancellationToken);
                reply.Councils.Add(new CouncilAgencyRate { Authority = authority, Rate = Replies.AgencyRate(rate.Figures[0], query.AsOf, rate.Watermark) });
            }

            return reply;
        });
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates, Absence = true)]
    public override async Task<WorkforceStabilityReply> GetWorkforceStability(FigureRequest request, ServerCallContext context)
    {
        var query = FigureQuery.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var stability = await figures.StabilityAsync(query.Authority, query.Scope, [query.AsOf], query.KnownAt, context.CancellationToken);
        return Replies.Stability(stability.Figures[0], stability.Watermark);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.AuthorityRows, Absence = true)]
    public override async Task<V1.CensusReturn> ExportCensusReturn(ExportCensusReturnRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        if (request.Year is < 2000 or > 2199)
        {
            violations.Add("year", "must be a reporting year from 2000 to 2199 (the year of its 30 September)");
        }

        var knownAt = Dates.KnownAt(request.KnownAt, violations);
        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, request.Authority);
        var register = await reader.LoadAsync(request.Authority, knownAt, context.CancellationToken);
        return Replies.Census(CensusReturns.Build(register, request.Year), register.Watermark);
    }
}
