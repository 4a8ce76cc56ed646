using Workforce.Api.Domain;
using Workforce.Contracts;
using Absence = Workforce.Api.Domain.Absence;

namespace Workforce.Api.Application;

/// <summary>The register as the integration events other services build their read models from.</summary>
public static class PostStateEvents
{
    /// <summary>A post's whole timeline; absences carry the day they become long-term under the settings in force when they began.</summary>
    public static StaffMemberChanged Changed(string authority, string staffId, long version, PostTimeline? post, SettingsHistory settings, DateTimeOffset recordedAt) =>
        new(
            authority,
            staffId,
            version,
            recordedAt,
            post?.Periods.Select(Period).ToList() ?? [],
            post?.Absences.Select(a => Absence(a, settings.On(a.FirstDay).LongTermAbsenceDays)).ToList() ?? [],
            post?.PersonId);

    public static CouncilSettingsChanged SettingsChanged(string authority, long version, SettingsHistory settings, DateTimeOffset recordedAt) =>
        new(authority, version, recordedAt, settings.Entries);

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

    private static AbsencePeriod Absence(Absence absence, int longTermDays) =>
        new(absence.FirstDay, absence.LastDay, LongTermAbsence.CensusCode(absence.Reason), LongTermAbsence.From(absence, longTermDays));
}
