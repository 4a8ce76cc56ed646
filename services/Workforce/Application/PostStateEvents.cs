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

    /// <summary>Every post of a council's change log as the event it would publish now, at the version it last published.</summary>
    public static IEnumerable<StaffMemberChanged> Current(string authority, IReadOnlyList<StaffChange> log)
    {
        var register = Register.Build(log);
        var settings = log.Where(c => c.Kind == ChangeKind.Settings).ToList();
        var settingsVersion = SettingsVersion(log);
        var settingsRecordedAt = settings.Select(c => c.RecordedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        foreach (var post in log.Where(c => c.StaffId is not null).GroupBy(c => c.StaffId!, StringComparer.Ordinal))
        {
            var recordedAt = post.Max(c => c.RecordedAt);
            yield return Changed(
                authority,
                post.Key,
                Math.Max(post.Max(c => c.Sequence), settingsVersion),
                register.Post(post.Key),
                register.Settings,
                recordedAt > settingsRecordedAt ? recordedAt : settingsRecordedAt);
        }
    }

    public static long SettingsVersion(IEnumerable<StaffChange> log) =>
        log.Where(c => c.Kind == ChangeKind.Settings).Select(c => c.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Each post's version: the latest change-log row behind its event, its own rows or the settings. One pass over the
    /// log, not one per post: a batch touching every post of a large council would otherwise be quadratic.
    /// </summary>
    public static Dictionary<string, long> Versions(IEnumerable<StaffChange> log, long settingsVersion)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var change in log)
        {
            if (change.StaffId is { } staffId)
            {
                versions[staffId] = Math.Max(versions.GetValueOrDefault(staffId, settingsVersion), change.Sequence);
            }
        }

        return versions;
    }

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
