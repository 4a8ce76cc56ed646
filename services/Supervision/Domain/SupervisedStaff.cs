using Workforce.Contracts;
using Workforce.ServiceDefaults.Operations;

namespace Supervision.Api.Domain;

/// <summary>
/// What the supervision service knows of a post from workforce events: whether and in which role it must be
/// supervised on any date. Replaced whole by a newer version; older versions are ignored.
/// </summary>
public sealed class SupervisedStaff : IStaffRow
{
    public required string Authority { get; set; }

    public required string StaffId { get; set; }

    public long Version { get; set; }

    /// <summary>When the workforce service recorded the change this state reflects (the freshness watermark).</summary>
    public DateTimeOffset SourceRecordedAt { get; set; }

    public List<SupervisionPeriod> Periods { get; set; } = [];

    /// <summary>Absences; a long-term one pauses the supervision clock and restarts it after its last day.</summary>
    public List<StaffAbsence> Absences { get; set; } = [];

    public SupervisionPeriod? PeriodOn(DateOnly day) => Periods.FirstOrDefault(p => p.From <= day && (p.To is null || day < p.To));

    /// <summary>On long-term absence on <paramref name="day"/>: an absence covering it that counts as long-term by then.</summary>
    public bool OnLongTermAbsenceOn(DateOnly day) =>
        Absences.Any(a => a.FirstDay <= day && (a.LastDay is null || day <= a.LastDay) && a.LongTermFrom is { } from && from <= day);

    /// <summary>First day of the unbroken run of periods that covers <paramref name="day"/> (the start in post).</summary>
    public DateOnly SpellStart(DateOnly day)
    {
        var start = PeriodOn(day)!.From;
        while (Periods.FirstOrDefault(p => p.To == start) is { } previous)
        {
            start = previous.From;
        }

        return start;
    }

    /// <summary>Applies <paramref name="message"/> if it is newer than what is held; false when it was stale or a repeat.</summary>
    public bool Apply(StaffMemberChanged message)
    {
        if (message.Version <= Version)
        {
            return false;
        }

        Version = message.Version;
        SourceRecordedAt = message.RecordedAt;
        Periods = message.Assignments
            .Select(a => new SupervisionPeriod
            {
                From = a.From,
                To = a.To,
                Team = a.Team,
                CensusRole = a.CensusRole,
                Registered = a.Registered,
                LineManagerStaffId = a.LineManagerStaffId,
                AsyeStart = a.AsyeStart,
            })
            .ToList();
        Absences = (message.Absences ?? [])
            .Select(a => new StaffAbsence { FirstDay = a.FirstDay, LastDay = a.LastDay, LongTermFrom = a.LongTermFrom })
            .ToList();
        return true;
    }
}

/// <summary>A post's assignment as it matters to supervision, in force over [From, To).</summary>
public sealed class SupervisionPeriod
{
    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }

    public required string Team { get; set; }

    public int CensusRole { get; set; }

    /// <summary>Registered social workers in post must be supervised.</summary>
    public bool Registered { get; set; }

    /// <summary>Who supervises the post in this period.</summary>
    public string? LineManagerStaffId { get; set; }

    /// <summary>Start of the newly qualified year, which sets the policy stage.</summary>
    public DateOnly? AsyeStart { get; set; }
}

/// <summary>An absence over [FirstDay, LastDay] (inclusive; LastDay null while it continues).</summary>
public sealed class StaffAbsence
{
    public DateOnly FirstDay { get; set; }

    public DateOnly? LastDay { get; set; }

    /// <summary>From this day the absence is long-term (per the workforce service's rule); null if it never is.</summary>
    public DateOnly? LongTermFrom { get; set; }
}
