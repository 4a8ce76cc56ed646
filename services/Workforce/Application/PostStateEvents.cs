using Workforce.Api.Domain;
using Workforce.Contracts;
using Absence = Workforce.Api.Domain.Absence;

namespace Workforce.Api.Application;

/// <summary>A post's timeline as the integration event other services build their read models from.</summary>
public static class PostStateEvents
{
    public static StaffMemberChanged Changed(string authority, string staffId, long version, PostTimeline? post, DateTimeOffset recordedAt) =>
        new(
            authority,
            staffId,
            version,
            recordedAt,
            post?.Periods.Select(Period).ToList() ?? [],
            post?.Absences.Select(Absence).ToList() ?? [],
            post?.PersonId);

    private static AssignmentPeriod Period(PostPeriod period) => new(
        period.From,
        period.To,
        period.State.Team,
        period.State.CensusRole,
        period.State.Contract,
        period.State.Fte,
        period.State.Registered,
        period.State.CaseHolding,
        period.State.LineManagerStaffId,
        period.State.AsyeStart);

    private static AbsencePeriod Absence(Absence absence) =>
        new(absence.FirstDay, absence.LastDay, LongTermAbsence.CensusCode(absence.Reason), LongTermAbsence.From(absence));
}
