using Workforce.Contracts;
using Workforce.ServiceDefaults.Operations;

namespace Caseload.Api.Domain;

/// <summary>
/// What the caseload service knows of a post from workforce events: enough to say who holds cases and at
/// what FTE on any date. Replaced whole by a newer version; older versions are ignored.
/// </summary>
public sealed class Worker : IStaffRow
{
    public required string Authority { get; set; }

    public required string StaffId { get; set; }

    public long Version { get; set; }

    /// <summary>When the workforce service recorded the change this state reflects (the freshness watermark).</summary>
    public DateTimeOffset SourceRecordedAt { get; set; }

    public List<WorkerPeriod> Periods { get; set; } = [];

    /// <summary>Absences, with the day each becomes long-term (which takes the worker out of adjusted case-holding FTE).</summary>
    public List<WorkerAbsence> Absences { get; set; } = [];

    public WorkerPeriod? PeriodOn(DateOnly day) => Periods.FirstOrDefault(p => p.From <= day && (p.To is null || day < p.To));

    /// <summary>The absence covering <paramref name="day"/> that counts as long-term by then, if any.</summary>
    public WorkerAbsence? LongTermAbsenceOn(DateOnly day) =>
        Absences.FirstOrDefault(a => a.FirstDay <= day && (a.LastDay is null || day <= a.LastDay) && a.LongTermFrom is { } from && from <= day);

    public bool OnLongTermAbsenceOn(DateOnly day) => LongTermAbsenceOn(day) is not null;

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
            .Select(a => new WorkerPeriod
            {
                From = a.From,
                To = a.To,
                Team = a.Team,
                FteMillionths = (long)(a.Fte * 1_000_000m),
                Registered = a.Registered,
                CaseHolding = a.CaseHolding,
                Agency = a.Contract == ContractType.Agency,
                AsyeStart = a.AsyeStart,
            })
            .ToList();
        Absences = (message.Absences ?? [])
            .Select(a => new WorkerAbsence { FirstDay = a.FirstDay, LastDay = a.LastDay, LongTermFrom = a.LongTermFrom })
            .ToList();
        return true;
    }
}

/// <summary>A worker's assignment as it matters to caseloads, in force over [From, To).</summary>
public sealed class WorkerPeriod
{
    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }

    public required string Team { get; set; }

    public long FteMillionths { get; set; }

    public bool Registered { get; set; }

    public bool CaseHolding { get; set; }

    /// <summary>An agency social worker (forecasts apply the agency leaving rate).</summary>
    public bool Agency { get; set; }

    /// <summary>Start of the newly qualified (ASYE) year: protected caseloads in adjusted figures for a year from it.</summary>
    public DateOnly? AsyeStart { get; set; }

    public bool IsAsyeOn(DateOnly day) => AsyeStart is { } start && start <= day && day < start.AddYears(1);
}

/// <summary>An absence over [FirstDay, LastDay] (inclusive; LastDay null while it continues).</summary>
public sealed class WorkerAbsence
{
    public DateOnly FirstDay { get; set; }

    public DateOnly? LastDay { get; set; }

    /// <summary>From this day the absence is long-term (per the workforce service's rule); null if it never is.</summary>
    public DateOnly? LongTermFrom { get; set; }
}
