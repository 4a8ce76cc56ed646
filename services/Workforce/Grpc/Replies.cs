using Google.Protobuf.WellKnownTypes;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;
using AgencyRate = Workforce.Api.Domain.AgencyRate;

namespace Workforce.Api.Grpc;

/// <summary>Domain answers in their wire form.</summary>
public static class Replies
{
    public static AgencyRateReply AgencyRate(AgencyRate rate, DateOnly asOf, DateTimeOffset? watermark)
    {
        var reply = new AgencyRateReply
        {
            AsOf = Dates.ToProto(asOf),
            AgencyFte = (double)rate.AgencyFte,
            EmployedFte = (double)rate.EmployedFte,
            AgencyHeadcount = rate.AgencyHeadcount,
            EmployedHeadcount = rate.EmployedHeadcount,
            Freshness = Freshness(watermark),
        };
        SetIfDefined(rate.RateByFtePercent, v => reply.RateByFtePercent = v);
        SetIfDefined(rate.RateByHeadcountPercent, v => reply.RateByHeadcountPercent = v);
        SetIfDefined(rate.CoverRatePercent, v => reply.CoverRatePercent = v);
        reply.AgencyFteByCoverReason.AddRange(rate.AgencyFteByCoverReason
            .OrderBy(r => r.Key)
            .Select(r => new CoverReasonFte { CoverReason = (V1.CoverReason)(int)r.Key, Fte = (double)r.Value }));
        return reply;
    }

    public static WorkforceStabilityReply Stability(Stability stability, DateTimeOffset? watermark)
    {
        var reply = new WorkforceStabilityReply
        {
            YearFrom = Dates.ToProto(stability.YearFrom),
            AsOf = Dates.ToProto(stability.AsOf),
            EmployedFte = (double)stability.EmployedFte,
            EmployedHeadcount = stability.EmployedHeadcount,
            StartersFte = (double)stability.StartersFte,
            StartersHeadcount = stability.StartersHeadcount,
            LeaversFte = (double)stability.LeaversFte,
            LeaversHeadcount = stability.LeaversHeadcount,
            WorkingDaysLostToSickness = (double)stability.WorkingDaysLost,
            AgencyFte = (double)stability.Agency.AgencyFte,
            Freshness = Freshness(watermark),
        };
        SetIfDefined(stability.VacancyFte, v => reply.VacancyFte = v);
        SetIfDefined(stability.TurnoverRatePercent, v => reply.TurnoverRatePercent = v);
        SetIfDefined(stability.VacancyRatePercent, v => reply.VacancyRatePercent = v);
        SetIfDefined(stability.AbsenceRatePercent, v => reply.AbsenceRatePercent = v);
        SetIfDefined(stability.Agency.RateByFtePercent, v => reply.AgencyRatePercent = v);
        SetIfDefined(stability.Agency.CoverRatePercent, v => reply.AgencyCoverRatePercent = v);
        return reply;
    }

    public static V1.CensusReturn Census(Domain.CensusReturn census, DateTimeOffset? watermark)
    {
        var reply = new V1.CensusReturn
        {
            Year = census.Year,
            YearFrom = Dates.ToProto(census.YearFrom),
            ReferenceDate = Dates.ToProto(census.ReferenceDate),
            VacancyFte = (double)census.VacancyFte,
            AgencyFte = (double)census.AgencyFte,
            AgencyHeadcount = census.AgencyHeadcount,
            Freshness = Freshness(watermark),
        };
        reply.Workers.AddRange(census.Workers.Select(w =>
        {
            var worker = new V1.CensusWorker
            {
                WorkerId = w.WorkerId,
                Agency = w.Agency,
                SweNumber = w.SweNumber ?? "",
                Fte = (double)w.Fte,
                Role = w.Role,
                StartDate = Dates.ToProto(w.StartDate),
                EndDate = w.EndDate is { } end ? Dates.ToProto(end) : null,
                LeavingReason = w.LeavingReason ?? "",
                WorkingDaysLost = (double)w.WorkingDaysLost,
                AbsenceAtReferenceDate = w.AbsenceAtReferenceDate is { } absence ? (V1.AbsenceReason)(int)absence : V1.AbsenceReason.Unspecified,
            };
            SetIfDefined(w.FteAtReferenceDate, v => worker.FteAtReferenceDate = v);
            return worker;
        }));
        reply.Problems.AddRange(census.Problems.Select(p => new V1.CensusProblem { WorkerId = p.WorkerId ?? "", Field = p.Field, Message = p.Message }));
        return reply;
    }

    public static StaffMember StaffMember(PostTimeline post, DateOnly asOf, DateTimeOffset? watermark)
    {
        var state = post.StateOn(asOf);
        var reply = new StaffMember
        {
            StaffId = post.StaffId,
            PersonId = post.PersonId,
            AsOf = Dates.ToProto(asOf),
            InPost = state is not null,
            Assignment = state is null ? null : Assignment(state),
            Freshness = Freshness(watermark),
        };
        reply.History.AddRange(post.Periods.Select(p => new V1.AssignmentPeriod
        {
            From = Dates.ToProto(p.From),
            To = p.To is { } to ? Dates.ToProto(to) : null,
            Assignment = Assignment(p.State),
        }));
        reply.LastDays.AddRange(post.Exits.Select(e => Dates.ToProto(e.LastDay)));
        return reply;
    }

    private static Assignment Assignment(PostState state) => new()
    {
        Team = state.Team,
        CensusRole = state.CensusRole,
        Registered = state.Registered,
        Contract = state.Contract == Contracts.ContractType.Agency ? ContractType.Agency : ContractType.Employed,
        CoverReason = (V1.CoverReason)(int)state.CoverReason,
        Fte = (double)state.Fte,
        CaseHolding = state.CaseHolding,
        LineManagerStaffId = state.LineManagerStaffId ?? "",
        AsyeStart = state.AsyeStart is { } asye ? Dates.ToProto(asye) : null,
    };

    public static ListStaffReply StaffList(StaffPage page, DateTimeOffset? watermark)
    {
        var reply = new ListStaffReply { NextPageToken = page.NextPageToken ?? "", TotalSize = page.TotalSize, Freshness = Freshness(watermark) };
        reply.Staff.AddRange(page.Posts.Select(p => new ListedStaff { StaffId = p.Post.StaffId, PersonId = p.Post.PersonId, Assignment = Assignment(p.State) }));
        return reply;
    }

    public static ReconcileStaffReply Reconciliation(Reconciliation reconciliation, IReadOnlyList<WriteStatus> statuses, DateTimeOffset? watermark)
    {
        var reply = new ReconcileStaffReply
        {
            AsOf = Dates.ToProto(reconciliation.AsOf),
            HrPosts = reconciliation.HrPosts,
            RegisterPosts = reconciliation.RegisterPosts,
            Freshness = Freshness(watermark),
        };
        reply.Differences.AddRange(reconciliation.Differences.Select(d =>
        {
            var difference = new V1.PostDifference { StaffId = d.StaffId, Kind = (V1.DifferenceKind)(int)d.Kind };
            difference.Fields.AddRange(d.Fields.Select(f => new V1.FieldDifference { Field = f.Field, HrValue = f.HrValue, RegisterValue = f.RegisterValue }));
            return difference;
        }));
        reply.Applied.AddRange(statuses.Select((s, i) => new ChangeResult { ChangeId = reconciliation.Closing[i].ChangeId, Status = (ChangeStatus)(int)s }));
        return reply;
    }

    public static Freshness Freshness(DateTimeOffset? watermark) =>
        new() { LatestChangeRecordedAt = watermark is { } w ? Timestamp.FromDateTimeOffset(w) : null };

    private static void SetIfDefined(decimal? value, Action<double> set)
    {
        if (value is { } v)
        {
            set((double)v);
        }
    }
}
