using Caseload.Api.Application;
using Caseload.Api.Domain;
using Caseload.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Retention;
using CaseloadHistory = Caseload.Api.Domain.Forecasting.CaseloadHistory;
using FrozenHistory = Caseload.Api.Domain.Forecasting.FrozenHistory;
using HistogramBucket = Caseload.V1.HistogramBucket;
using HistoryMonth = Caseload.Api.Domain.Forecasting.HistoryMonth;
using Progress = Caseload.V1.Progress;

namespace Caseload.Api.Grpc;

public sealed class CaseAllocationsService(
    AllocationRecorder recorder,
    CaseloadReader reader,
    ReportedCaseloads reported,
    FrozenFigures frozen,
    ManyCouncilAnswers<BatchGetTargetProgressReply> manyCouncils,
    TimeProvider clock) : CaseAllocations.CaseAllocationsBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    [Authorize(Policy = WorkforceRoles.CaseWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<RecordAllocationChangesReply> RecordAllocationChanges(RecordAllocationChangesRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var changes = AllocationChangesValidator.ToChanges(request, now);
        CallerScope.DemandAuthority(context, request.Authority);
        var statuses = await recorder.RecordAsync(request.Authority, changes, context.CancellationToken);
        var reply = new RecordAllocationChangesReply { RecordedAt = Timestamp.FromDateTimeOffset(now) };
        reply.Results.AddRange(changes.Select((c, i) => new ChangeResult { ChangeId = c.ChangeId, Status = (ChangeStatus)(int)statuses[i] }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.CaseWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<StreamAllocationChangesSummary> StreamAllocationChanges(IAsyncStreamReader<RecordAllocationChangesRequest> requestStream, ServerCallContext context)
    {
        var totals = await ChunkedFeed.ReadAsync(requestStream, async (chunk, at) =>
        {
            var now = clock.GetUtcNow();
            var changes = AllocationChangesValidator.ToChanges(chunk, now, at);
            CallerScope.DemandAuthority(context, chunk.Authority);
            var statuses = await recorder.RecordAsync(chunk.Authority, changes, context.CancellationToken);
            return new ChunkResult(statuses, now);
        }, context.CancellationToken);

        return new StreamAllocationChangesSummary
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
    [Discloses(Disclosure.Aggregates)]
    public override async Task<TargetProgressReply> GetTargetProgress(TargetProgressRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        var query = CaseloadQuery.Parse(request.Authority, request.Team, request.Category, request.AsOf, request.KnownAt, clock, violations);
        if (double.IsNaN(request.AsyeWeight) || request.AsyeWeight is < 0 or > 1)
        {
            violations.Add("asye_weight", "must be from 0 (the council's setting) to 1");
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, query.Authority);
        return await TargetProgressAsync(query, request.AsyeWeight, request.ExcludeLongTermAbsence, context.CancellationToken);
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Councils)]
    public override async Task<BatchGetTargetProgressReply> BatchGetTargetProgress(BatchGetTargetProgressRequest request, ServerCallContext context)
    {
        var query = CouncilsQuery.Parse(request.Authorities, request.AsOf, context, clock);
        return await manyCouncils.GetOrBuildAsync(query.Authorities, query.AsOf, async () =>
        {
            var reply = new BatchGetTargetProgressReply();
            foreach (var authority in query.Authorities)
            {
                var progress = await TargetProgressAsync(new CaseloadQuery(authority, null, null, query.AsOf, null), 0, false, context.CancellationToken);
                reply.Councils.Add(new CouncilTargetProgress { Authority = authority, Progress = progress });
            }

            return reply;
        });
    }

    /// <summary>Target progress as GetTargetProgress answers it; <paramref name="asyeWeight"/> 0 is the council's setting.</summary>
    private async Task<TargetProgressReply> TargetProgressAsync(CaseloadQuery query, double asyeWeight, bool excludeLongTermAbsence, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, cancellationToken);
        var settings = snapshot.SettingsOn(query.AsOf);
        var weight = asyeWeight > 0 ? (decimal)asyeWeight : settings.AsyeCaseloadWeight;
        var progress = (await frozen.OnAsync(snapshot.Horizon, CaseloadRetention.ProgressFigureFor(excludeLongTermAbsence), query.Team,
            asyeWeight == 0 && query.Category is null, [query.AsOf], query.KnownAt, day =>
                snapshot.Memo.GetOrAdd((nameof(TargetProgressAsync), day, weight, excludeLongTermAbsence, query.Team, query.Category), () =>
                {
                    var figures = CaseloadFigures.At(snapshot.Holdings.Value, snapshot.Workers, day,
                        new CaseloadOptions(settings.CaseloadTarget, settings.CaseloadThresholds, weight, excludeLongTermAbsence, query.Team, query.Category));
                    return new FrozenProgress(figures.Unadjusted, figures.Adjusted, figures.UnmatchedCases);
                }), cancellationToken))[0];

        var reply = new TargetProgressReply
        {
            AsOf = Dates.ToProto(query.AsOf),
            Target = (double)settings.CaseloadTarget,
            Unadjusted = ToProto(progress.Unadjusted),
            Adjusted = ToProto(progress.Adjusted),
            AsyeWeightApplied = (double)weight,
            UnmatchedCases = progress.UnmatchedCases,
            Freshness = Freshness(snapshot),
        };
        reply.Thresholds.AddRange(settings.CaseloadThresholds.Select(t => (double)t));
        if (query is { Team: null, Category: null } && await reported.FiguresAsync(query.Authority, query.AsOf, cancellationToken) is { } figures)
        {
            reply.Reported = new ReportedProgress
            {
                Source = figures.Source,
                Cases = figures.Cases,
                CaseHoldingFte = (double)figures.CaseHoldingFte,
                CaseHoldingWorkers = figures.CaseHoldingWorkers,
                RecordedAt = Timestamp.FromDateTimeOffset(figures.RecordedAt),
            };
            if (figures.AverageCaseload is { } average)
            {
                reply.Reported.AverageCaseload = (double)average;
            }
        }

        return reply;
    }

    [Authorize(Policy = WorkforceRoles.CaseWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<RecordReportedCaseloadsReply> RecordReportedCaseloads(RecordReportedCaseloadsRequest request, ServerCallContext context)
    {
        var (referenceDate, workers) = ReportedCaseloadsValidator.Parse(request);
        CallerScope.DemandAuthority(context, request.Authority);
        var (recorded, replaced) = await reported.ReplaceAsync(request.Authority, referenceDate, request.Source, workers, context.CancellationToken);
        return new RecordReportedCaseloadsReply { Recorded = recorded, Replaced = replaced };
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<TargetProgressSeries> GetTargetProgressSeries(TargetProgressSeriesRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        var query = CaseloadQuery.Parse(request.Authority, request.Team, request.Category, null, request.KnownAt, clock, violations);
        var monthEnds = MonthEnds.Parse(request.From, request.To, violations);
        if (request.TrendMonths is < 0 or 1 or > 120)
        {
            violations.Add("trend_months", "must be 0 (default 6) or from 2 to 120");
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var progress = await frozen.OnAsync(snapshot.Horizon, CaseloadRetention.ProgressFigure, query.Team, query.Category is null, monthEnds, query.KnownAt, day =>
        {
            var settings = snapshot.SettingsOn(day);
            var figures = CaseloadFigures.At(snapshot.Holdings.Value, snapshot.Workers, day,
                new CaseloadOptions(settings.CaseloadTarget, settings.CaseloadThresholds, settings.AsyeCaseloadWeight, false, query.Team, query.Category));
            return new FrozenProgress(figures.Unadjusted, figures.Adjusted, figures.UnmatchedCases);
        }, context.CancellationToken);
        var points = monthEnds.Select((day, i) => (Day: day, Target: snapshot.SettingsOn(day).CaseloadTarget, Progress: progress[i].Unadjusted)).ToList();

        var trendMonths = request.TrendMonths == 0 ? 6 : request.TrendMonths;
        var target = points[^1].Target;
        var series = new TargetProgressSeries
        {
            Average = ToProto(TargetTrend.Project(points.Select(p => (p.Day, p.Progress.AverageCaseload)).ToList(), target, lowerIsBetter: true, trendMonths)),
            EveryWorker = ToProto(TargetTrend.Project(points.Select(p => (p.Day, p.Progress.ShareAtOrUnderTargetPercent)).ToList(), 100m, lowerIsBetter: false, trendMonths)),
            Freshness = Freshness(snapshot),
        };
        series.Points.AddRange(points.Select(p =>
        {
            var point = new TargetProgressPoint { AsOf = Dates.ToProto(p.Day), Cases = p.Progress.Cases, CaseHoldingFte = (double)p.Progress.CaseHoldingFte, Target = (double)p.Target };
            if (p.Progress.AverageCaseload is { } average)
            {
                point.AverageCaseload = (double)average;
            }

            if (p.Progress.ShareAtOrUnderTargetPercent is { } share)
            {
                point.ShareAtOrUnderTargetPercent = (double)share;
            }

            return point;
        }));
        return series;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.TeamRows)]
    public override async Task<ListCaseloadsReply> ListCaseloads(ListCaseloadsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        var query = CaseloadQuery.Parse(request.Authority, request.Team, request.Category, request.AsOf, request.KnownAt, clock, violations);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"must be from 0 (default {DefaultPageSize}) to {MaxPageSize}");
        }

        var offset = 0;
        if (request.PageToken.Length > 0 && !PageTokens.TryRead(request.PageToken, out offset))
        {
            violations.Add("page_token", "is not a token this service issued");
        }

        if (!System.Enum.IsDefined(request.Order))
        {
            violations.Add("order", "is not a known order");
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var settings = snapshot.SettingsOn(query.AsOf);
        var progress = CaseloadFigures.At(snapshot.Holdings.Value, snapshot.Workers, query.AsOf,
            new CaseloadOptions(settings.CaseloadTarget, settings.CaseloadThresholds, settings.AsyeCaseloadWeight, false, query.Team, query.Category));

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var sorted = request.Order switch
        {
            CaseloadOrder.CasesPerFteDescending => progress.Workers.OrderByDescending(w => w.CasesPerFte).ThenBy(w => w.StaffId, StringComparer.Ordinal),
            CaseloadOrder.CasesDescending => progress.Workers.OrderByDescending(w => w.Cases).ThenBy(w => w.StaffId, StringComparer.Ordinal),
            _ => progress.Workers.OrderBy(w => w.StaffId, StringComparer.Ordinal),
        };
        var page = sorted.Skip(offset).Take(pageSize).ToList();
        var reply = new ListCaseloadsReply
        {
            TotalSize = progress.Workers.Count,
            NextPageToken = offset + pageSize < progress.Workers.Count ? PageTokens.Write(offset + pageSize) : "",
            Freshness = Freshness(snapshot),
        };
        reply.Workers.AddRange(page.Select(w => new WorkerCaseload
        {
            StaffId = w.StaffId,
            Team = w.Team,
            Cases = w.Cases,
            Fte = (double)w.Fte,
            CasesPerFte = (double)w.CasesPerFte,
            AtOrUnderTarget = CaseloadFigures.AtOrUnderTarget(w.Cases, w.Fte, settings.CaseloadTarget),
        }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.AuthorityRows)]
    public override async Task<UnallocatedCasesReply> GetUnallocatedCases(CaseQuery request, ServerCallContext context)
    {
        var (query, limit) = ParseCaseQuery(request);
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var unallocated = CaseLists.Unallocated(snapshot.Cases, query.AsOf, query.Category);
        var reply = new UnallocatedCasesReply { OpenCases = unallocated.OpenCases, Unallocated = unallocated.Cases.Count, Freshness = Freshness(snapshot) };
        if (unallocated.AllocatedPercent is { } allocated)
        {
            reply.AllocatedPercent = (double)allocated;
        }

        reply.Cases.AddRange(unallocated.Cases.Take(limit).Select(c => new V1.UnallocatedCase
        {
            CaseId = c.CaseId,
            Category = (V1.CaseCategory)(int)c.Category,
            WaitingSince = Dates.ToProto(c.WaitingSince),
            DaysWaiting = query.AsOf.DayNumber - c.WaitingSince.DayNumber,
        }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.TeamRows, Absence = true)]
    public override async Task<CasesNeedingReallocationReply> GetCasesNeedingReallocation(CaseQuery request, ServerCallContext context)
    {
        var (query, limit) = ParseCaseQuery(request);
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var cases = CaseLists.NeedingReallocation(snapshot.Cases, snapshot.Workers, query.AsOf, query.Team, query.Category);
        var reply = new CasesNeedingReallocationReply { Total = cases.Count, Freshness = Freshness(snapshot) };
        reply.Cases.AddRange(cases.Take(limit).Select(c => new V1.CaseNeedingReallocation
        {
            CaseId = c.CaseId,
            StaffId = c.StaffId,
            Reason = (V1.ReallocationReason)(int)c.Reason,
            Since = Dates.ToProto(c.Since),
            DaysSince = query.AsOf.DayNumber - c.Since.DayNumber,
        }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<WorkerChangesReply> GetWorkerChanges(WorkerChangesRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        var query = CaseloadQuery.Parse(request.Authority, "", request.Category, null, request.KnownAt, clock, violations);
        DateOnly from = default, to = default;
        if (request.From is null || !Dates.TryToQueryDate(request.From, out from))
        {
            violations.Add("from", "a valid date is required");
        }

        if (request.To is null || !Dates.TryToQueryDate(request.To, out to) || to < from)
        {
            violations.Add("to", "a valid date on or after from is required");
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        if (snapshot.Horizon is { } horizon && from < horizon.Horizon)
        {
            throw FrozenFigures.Refused(horizon, "changes of worker per child are not frozen, so the window must start on or after it");
        }

        var figures = CaseLists.WorkerChanges(snapshot.Cases, from, to, query.Category);
        var reply = new WorkerChangesReply { All = ToProto(figures[0]), Freshness = Freshness(snapshot) };
        reply.ByCategory.AddRange(figures.Skip(1).Select(ToProto));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<CaseloadForecastReply> GetCaseloadForecast(CaseloadForecastRequest request, ServerCallContext context)
    {
        var query = ForecastRequestParser.Parse(request, clock);
        CallerScope.DemandAuthority(context, query.Authority);
        var snapshot = await reader.LoadAsync(query.Authority, query.KnownAt, context.CancellationToken);
        var answer = CaseloadForecasts.Run(snapshot, query, await FrozenHistoryAsync(snapshot, query, context.CancellationToken))
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "No open case in this scope up to the origin: there is no history to forecast from."));
        return ForecastMapping.ToProto(answer, query, Freshness(snapshot));
    }

    /// <summary>The history months a purge froze, for a forecast whose history reaches before the horizon.</summary>
    private async Task<FrozenHistory?> FrozenHistoryAsync(CaseloadSnapshot snapshot, ForecastQuery query, CancellationToken cancellationToken)
    {
        if (snapshot.Horizon is not { } horizon)
        {
            return null;
        }

        if (CaseloadHistory.MonthEndOnOrBefore(query.Start) < horizon.Horizon)
        {
            throw FrozenFigures.Refused(horizon, "a forecast needs the workers in post at its origin, so its origin must be on or after it");
        }

        var months = await frozen.BeforeHorizonAsync<HistoryMonth>(horizon, CaseloadRetention.HistoryFigure, FrozenFigures.ScopeKey(query.Team), query.KnownAt, cancellationToken);
        return new FrozenHistory(horizon.Horizon, months, day => FrozenFigures.Require(months, horizon, day));
    }

    private (CaseloadQuery Query, int Limit) ParseCaseQuery(CaseQuery request)
    {
        var violations = new FieldViolations();
        var query = CaseloadQuery.Parse(request.Authority, request.Team, request.Category, request.AsOf, request.KnownAt, clock, violations);
        if (request.Limit is < 0 or > MaxPageSize)
        {
            violations.Add("limit", $"must be from 0 (default {DefaultPageSize}) to {MaxPageSize}");
        }

        violations.ThrowIfAny();
        return (query, request.Limit == 0 ? DefaultPageSize : request.Limit);
    }

    private static V1.TargetProjection ToProto(Domain.TargetProjection projection)
    {
        var proto = new V1.TargetProjection
        {
            Projection = (Projection)(int)projection.Kind,
            ProjectedDate = projection.ProjectedDate is { } date ? Dates.ToProto(date) : null,
        };
        if (projection.TrendPerMonth is { } trend)
        {
            proto.TrendPerMonth = (double)trend;
        }

        return proto;
    }

    private static WorkerChangesFigures ToProto(WorkerChangeFigures figures)
    {
        var proto = new WorkerChangesFigures
        {
            Category = (V1.CaseCategory)(int)(figures.Category ?? Domain.CaseCategory.Unspecified),
            Cases = figures.Cases,
            ThreeOrMore = figures.ThreeOrMore,
        };
        if (figures.ThreeOrMorePercent is { } share)
        {
            proto.ThreeOrMorePercent = (double)share;
        }

        proto.Distribution.AddRange(figures.Distribution.Select(d => new WorkerCount { Workers = d.Workers, Cases = d.Cases }));
        return proto;
    }

    private static Progress ToProto(Domain.Progress progress)
    {
        var proto = new Progress
        {
            Cases = progress.Cases,
            CaseHoldingFte = (double)progress.CaseHoldingFte,
            CaseHoldingWorkers = progress.CaseHoldingWorkers,
            WorkersAtOrUnderTarget = progress.AtOrUnderTarget,
            FteNeededForTarget = (double)progress.FteNeededForTarget,
            FteGap = (double)progress.FteGap,
        };
        if (progress.AverageCaseload is { } average)
        {
            proto.AverageCaseload = (double)average;
        }

        if (progress.ShareAtOrUnderTargetPercent is { } share)
        {
            proto.ShareAtOrUnderTargetPercent = (double)share;
        }

        proto.AboveThresholds.AddRange(progress.AboveThresholds.Select(t => new ThresholdCount { Threshold = (double)t.Threshold, Workers = t.Workers }));
        proto.Distribution.AddRange(progress.Distribution.Select(b =>
        {
            var bucket = new HistogramBucket { From = (double)b.From, Workers = b.Workers };
            if (b.To is { } to)
            {
                bucket.To = (double)to;
            }

            return bucket;
        }));
        return proto;
    }

    private static Freshness Freshness(CaseloadSnapshot snapshot) => new()
    {
        AllocationsRecordedAt = snapshot.AllocationsRecordedAt is { } a ? Timestamp.FromDateTimeOffset(a) : null,
        WorkforceRecordedAt = snapshot.WorkforceRecordedAt is { } w ? Timestamp.FromDateTimeOffset(w) : null,
    };
}
