using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Supervision.Api.Application;
using Supervision.Api.Domain;
using Supervision.V1;
using Workforce.ServiceDefaults.Auth;
using Workforce.ServiceDefaults.Grpc;
using Workforce.ServiceDefaults.Retention;

namespace Supervision.Api.Grpc;

public sealed class SupervisionRecordsService(SessionRecorder recorder, SupervisionReader reader, FrozenFigures frozen, TimeProvider clock) : SupervisionRecords.SupervisionRecordsBase
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    [Authorize(Policy = WorkforceRoles.SupervisionWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<RecordSessionsReply> RecordSessions(RecordSessionsRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var records = SessionsValidator.ToRecords(request, now, UkCalendar.Today(clock));
        CallerScope.DemandAuthority(context, request.Authority);
        var statuses = await recorder.RecordAsync(request.Authority, records, context.CancellationToken);
        var reply = new RecordSessionsReply { RecordedAt = Timestamp.FromDateTimeOffset(now) };
        reply.Results.AddRange(records.Select((r, i) => new SessionResult { SessionId = r.SessionId, Status = (ChangeStatus)(int)statuses[i] }));
        return reply;
    }

    [Authorize(Policy = WorkforceRoles.SupervisionWriter)]
    [Discloses(Disclosure.Writes)]
    public override async Task<StreamSessionsSummary> StreamSessions(IAsyncStreamReader<RecordSessionsRequest> requestStream, ServerCallContext context)
    {
        var totals = await ChunkedFeed.ReadAsync(requestStream, async (chunk, at) =>
        {
            var now = clock.GetUtcNow();
            var records = SessionsValidator.ToRecords(chunk, now, UkCalendar.Today(clock), at);
            CallerScope.DemandAuthority(context, chunk.Authority);
            var statuses = await recorder.RecordAsync(chunk.Authority, records, context.CancellationToken);
            return new ChunkResult(statuses, now);
        }, context.CancellationToken);

        return new StreamSessionsSummary
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
    [Discloses(Disclosure.StaffMember)]
    public override async Task<SupervisionHistory> GetSupervisionHistory(SupervisionHistoryRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        Identifiers.Check(violations, "staff_id", request.StaffId, Identifiers.MaxIdLength);
        DateOnly from = default, to = default;
        if (request.From is null || !Dates.TryToQueryDate(request.From, out from))
        {
            violations.Add("from", "a valid date is required");
        }

        if (request.To is null || !Dates.TryToQueryDate(request.To, out to) || to < from)
        {
            violations.Add("to", "a valid date on or after from is required");
        }

        var knownAt = Dates.KnownAt(request.KnownAt, violations);
        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, request.Authority);
        var snapshot = await reader.LoadAsync(request.Authority, knownAt, context.CancellationToken);
        var staff = snapshot.Staff.FirstOrDefault(s => s.StaffId == request.StaffId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No staff member '{request.StaffId}' in authority '{request.Authority}' is known to the supervision service."));
        CallerScope.DemandTeam(context, staff.Periods.Where(p => p.From <= to).MaxBy(p => p.From)?.Team);
        var theirs = snapshot.Sessions.Where(s => s.SuperviseeStaffId == staff.StaffId).OrderBy(s => s.Date).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList();

        var history = new SupervisionHistory { StaffId = staff.StaffId, Freshness = Freshness(snapshot) };
        DateOnly? previous = null;
        foreach (var session in theirs.Where(s => s.Date <= to))
        {
            var counts = SupervisionSchedule.Counts(session, snapshot.SettingsOn(session.Date).Supervision);
            if (session.Date >= from)
            {
                var item = new HistorySession
                {
                    SessionId = session.SessionId,
                    Date = Dates.ToProto(session.Date),
                    Minutes = session.Minutes,
                    Kind = (V1.SessionKind)(int)session.Kind,
                    SupervisorStaffId = session.SupervisorStaffId ?? "",
                    Counts = counts,
                    Actions = session.Actions.Count,
                    ActionsComplete = session.Actions.Count > 0 && session.Actions.All(a => a.IsComplete),
                };
                if (counts && previous is { } last)
                {
                    item.IntervalDays = session.Date.DayNumber - last.DayNumber;
                }

                history.Sessions.Add(item);
            }

            if (counts)
            {
                previous = session.Date;
            }
        }

        history.DueDates.AddRange(DueDates.For(staff, theirs, to, snapshot.SettingsOn)
            .Where(d => d.Due >= from)
            .Select(d => new HistoryDueDate { Due = Dates.ToProto(d.Due), Met = d.Met }));
        return history;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<RegularityReply> GetRegularity(RegularityRequest request, ServerCallContext context)
    {
        var (day, live, snapshot, _, scope, knownAt) = await MeasureAsync(request, context);
        var figures = (await frozen.OnAsync(snapshot.Horizon, SupervisionRetention.RegularityFigure, scope.Team, scope.SupervisorStaffId is null, [day], knownAt,
            _ => live, context.CancellationToken))[0];
        var reply = new RegularityReply
        {
            AsOf = Dates.ToProto(day),
            SupervisedStaff = figures.SupervisedStaff,
            InDate = figures.InDate,
            LongestGapDays = figures.LongestGapDays,
            Sessions = figures.Sessions,
            SessionsUnderMinimumMinutes = figures.SessionsUnderMinimum,
            SessionsWithActions = figures.SessionsWithActions,
            SessionsWithCompleteActions = figures.SessionsWithCompleteActions,
            Freshness = Freshness(snapshot),
        };
        if (figures.InDatePercent is { } inDate)
        {
            reply.InDatePercent = (double)inDate;
        }

        if (figures.MedianIntervalDays is { } median)
        {
            reply.MedianIntervalDays = (double)median;
        }

        reply.DueDates = figures.DueDatesInYear;
        reply.DueDatesMet = figures.DueDatesMet;
        if (figures.HeldByDueDatePercent is { } held)
        {
            reply.HeldByDueDatePercent = (double)held;
        }

        return reply;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.Aggregates)]
    public override async Task<RegularitySeries> GetRegularitySeries(RegularitySeriesRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        var monthEnds = MonthEnds.Parse(request.From, request.To, violations);
        var knownAt = Dates.KnownAt(request.KnownAt, violations);
        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, request.Authority);
        var snapshot = await reader.LoadAsync(request.Authority, knownAt, context.CancellationToken);
        var scope = new SupervisionScope(request.Team.Length > 0 ? request.Team : null, request.SupervisorStaffId.Length > 0 ? request.SupervisorStaffId : null);
        var points = await frozen.OnAsync(snapshot.Horizon, SupervisionRetention.SeriesFigure, scope.Team, scope.SupervisorStaffId is null, monthEnds, knownAt,
            day => RegularitySeriesPoint.At(snapshot.Staff, snapshot.Sessions, day, scope, snapshot.SettingsOn), context.CancellationToken);
        var series = new RegularitySeries { Freshness = Freshness(snapshot) };
        series.Points.AddRange(points.Select(Point));
        return series;
    }

    private static RegularityPoint Point(RegularitySeriesPoint point)
    {
        var proto = new RegularityPoint
        {
            AsOf = Dates.ToProto(point.AsOf),
            DueInMonth = point.DueInMonth,
            MetInMonth = point.MetInMonth,
            YearFrom = Dates.ToProto(point.YearFrom),
            DueYearToDate = point.DueYearToDate,
            MetYearToDate = point.MetYearToDate,
        };
        if (point.InDatePercent is { } inDate)
        {
            proto.InDatePercent = (double)inDate;
        }

        if (point.HeldInMonthPercent is { } month)
        {
            proto.HeldInMonthPercent = (double)month;
        }

        if (point.HeldYearToDatePercent is { } year)
        {
            proto.HeldYearToDatePercent = (double)year;
        }

        return proto;
    }

    [Authorize(Policy = WorkforceRoles.Analyst)]
    [Discloses(Disclosure.TeamRows)]
    public override async Task<OverdueReply> ListOverdue(RegularityRequest request, ServerCallContext context)
    {
        var offset = 0;
        if (request.PageToken.Length > 0 && !PageTokens.TryRead(request.PageToken, out offset))
        {
            new FieldViolations().Add("page_token", "is not a token this service issued").ThrowIfAny();
        }

        var (day, figures, snapshot, limit, _, _) = await MeasureAsync(request, context);
        var overdue = figures.Statuses.Where(s => !s.InDate(day)).OrderBy(s => s.DueDate).ThenBy(s => s.Staff.StaffId, StringComparer.Ordinal).ToList();
        var reply = new OverdueReply
        {
            Total = overdue.Count,
            Freshness = Freshness(snapshot),
            NextPageToken = offset + limit < overdue.Count ? PageTokens.Write(offset + limit) : "",
        };
        reply.Staff.AddRange(overdue.Skip(offset).Take(limit).Select(s => new OverdueStaff
        {
            StaffId = s.Staff.StaffId,
            SupervisorStaffId = s.Period.LineManagerStaffId ?? "",
            DueDate = Dates.ToProto(s.DueDate),
            DaysOverdue = s.DaysOverdue(day),
            LastSession = s.LastSession is { } last ? Dates.ToProto(last.Date) : null,
        }));
        return reply;
    }

    private async Task<(DateOnly Day, RegularityFigures Figures, SupervisionSnapshot Snapshot, int Limit, SupervisionScope Scope, DateTimeOffset? KnownAt)> MeasureAsync(RegularityRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", request.Authority, Identifiers.MaxAuthorityLength);
        foreach (var (field, value) in new[] { ("team", request.Team), ("supervisor_staff_id", request.SupervisorStaffId) })
        {
            if (value.Length > 0)
            {
                Identifiers.Check(violations, field, value, Identifiers.MaxIdLength);
            }
        }

        var day = UkCalendar.Today(clock);
        if (request.AsOf is not null && !Dates.TryToQueryDate(request.AsOf, out day))
        {
            violations.Add("as_of", "must be a valid date from 1900 to 2199");
        }

        if (request.Limit is < 0 or > MaxLimit)
        {
            violations.Add("limit", $"must be from 0 (default {DefaultLimit}) to {MaxLimit}");
        }

        var knownAt = Dates.KnownAt(request.KnownAt, violations);
        violations.ThrowIfAny();
        CallerScope.DemandAuthority(context, request.Authority);
        var snapshot = await reader.LoadAsync(request.Authority, knownAt, context.CancellationToken);
        var scope = new SupervisionScope(request.Team.Length > 0 ? request.Team : null, request.SupervisorStaffId.Length > 0 ? request.SupervisorStaffId : null);
        var figures = snapshot.Memo.GetOrAdd((nameof(Regularity), day, scope), () => Regularity.At(snapshot.Staff, snapshot.BySupervisee.Value, day, scope, snapshot.SettingsOn));
        return (day, figures, snapshot, request.Limit == 0 ? DefaultLimit : request.Limit, scope, knownAt);
    }

    private static Freshness Freshness(SupervisionSnapshot snapshot) => new()
    {
        SessionsRecordedAt = snapshot.SessionsRecordedAt is { } s ? Timestamp.FromDateTimeOffset(s) : null,
        WorkforceRecordedAt = snapshot.WorkforceRecordedAt is { } w ? Timestamp.FromDateTimeOffset(w) : null,
    };
}
