using Workforce.Contracts;

namespace Workforce.Api.Domain;

public enum ChangeKind
{
    Assignment = 1,
    Leaver = 2,
    Reinstatement = 3,
    Absence = 4,
    Establishment = 5,
    Correction = 6,
    Settings = 7,
}

/// <summary>Why an agency worker is engaged (DfE agency cover rate counts <see cref="Vacancy"/>).</summary>
public enum CoverReason
{
    Unspecified = 0,
    Vacancy = 1,
    AbsenceCover = 2,
    AdditionalCapacity = 3,
}

/// <summary>DfE census absence reasons.</summary>
public enum AbsenceReason
{
    Maternity = 1,
    Sickness = 2,
    Other = 3,
    PublicDuties = 4,
    Training = 5,
    UnauthorisedAbsence = 6,
    UnpaidLeave = 7,
}

/// <summary>
/// One row of the append-only staffing change log, exactly as an HR system sent it. Rows are never updated:
/// a higher source version of the same change id, a correction (retraction) and a reinstatement are new rows,
/// so the register can be rebuilt as known at any recorded time.
/// </summary>
public sealed class StaffChange
{
    /// <summary>Order of recording; also the version a post reaches when this row is the latest that affects it.</summary>
    public long Sequence { get; set; }

    public required string Authority { get; set; }

    /// <summary>The HR system's id of the change: the idempotency key.</summary>
    public required string ChangeId { get; set; }

    /// <summary>The HR system's revision of the change; a higher one supersedes.</summary>
    public long SourceVersion { get; set; }

    public ChangeKind Kind { get; set; }

    /// <summary>The post; null only for establishment changes.</summary>
    public string? StaffId { get; set; }

    /// <summary>Links posts held by one person (headcount, moves between posts).</summary>
    public string? PersonId { get; set; }

    /// <summary>Assignment: first day in force. Leaver: last day worked. Absence: first day. Reinstatement, establishment, settings: first day in force.</summary>
    public DateOnly EffectiveDate { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string? Team { get; set; }

    public int CensusRole { get; set; }

    public bool Registered { get; set; }

    /// <summary>Social Work England registration number, when the HR system sends it.</summary>
    public string? SweNumber { get; set; }

    public ContractType Contract { get; set; }

    public CoverReason CoverReason { get; set; }

    public long FteMillionths { get; set; }

    public bool CaseHolding { get; set; }

    public string? LineManagerStaffId { get; set; }

    public DateOnly? AsyeStart { get; set; }

    public string? LeavingReason { get; set; }

    public DateOnly? AbsenceLastDay { get; set; }

    public AbsenceReason? AbsenceReason { get; set; }

    /// <summary>Working days lost to the absence, in hundredths of a day.</summary>
    public long WorkingDaysLostHundredths { get; set; }

    public long FundedFteMillionths { get; set; }

    /// <summary>Correction: the change id it retracts.</summary>
    public string? RetractsChangeId { get; set; }

    /// <summary>Settings: the council's whole settings from <see cref="EffectiveDate"/>, as JSON.</summary>
    public string? SettingsJson { get; set; }

    /// <summary>True when <paramref name="other"/> says the same thing (recording time and sequence aside).</summary>
    public bool SameContentAs(StaffChange other) =>
        Authority == other.Authority && ChangeId == other.ChangeId && SourceVersion == other.SourceVersion
        && Kind == other.Kind && StaffId == other.StaffId && PersonId == other.PersonId
        && EffectiveDate == other.EffectiveDate && Team == other.Team && CensusRole == other.CensusRole
        && Registered == other.Registered && SweNumber == other.SweNumber && Contract == other.Contract
        && CoverReason == other.CoverReason && FteMillionths == other.FteMillionths && CaseHolding == other.CaseHolding
        && LineManagerStaffId == other.LineManagerStaffId && AsyeStart == other.AsyeStart
        && LeavingReason == other.LeavingReason && AbsenceLastDay == other.AbsenceLastDay
        && AbsenceReason == other.AbsenceReason && WorkingDaysLostHundredths == other.WorkingDaysLostHundredths
        && FundedFteMillionths == other.FundedFteMillionths && RetractsChangeId == other.RetractsChangeId
        && SettingsJson == other.SettingsJson;

    /// <summary>The assignment this row sets, for assignment rows.</summary>
    public PostState ToPostState() =>
        new(Team ?? "", CensusRole, Registered, Contract, CoverReason, FteMillionths, CaseHolding, LineManagerStaffId, AsyeStart, SweNumber);
}

/// <summary>A post's assignment: what it is while it is in force.</summary>
public sealed record PostState(
    string Team,
    int CensusRole,
    bool Registered,
    ContractType Contract,
    CoverReason CoverReason,
    long FteMillionths,
    bool CaseHolding,
    string? LineManagerStaffId,
    DateOnly? AsyeStart,
    string? SweNumber = null)
{
    public decimal Fte => Domain.Fte.FromMillionths(FteMillionths);
}
