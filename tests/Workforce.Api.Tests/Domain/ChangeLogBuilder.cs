using Workforce.Api.Domain;
using Workforce.Contracts;

namespace Workforce.Api.Tests.Domain;

/// <summary>Writes change logs the way an HR feed would, one recorded change after another (synthetic posts only).</summary>
public sealed class ChangeLogBuilder
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<StaffChange> _log = [];
    private DateTimeOffset _recordedAt = Start;

    public IReadOnlyList<StaffChange> Log => _log;

    /// <summary>The recording time of the next change.</summary>
    public ChangeLogBuilder RecordedAt(DateTimeOffset at)
    {
        _recordedAt = at;
        return this;
    }

    public ChangeLogBuilder Assign(
        string staffId,
        DateOnly from,
        double fte = 1.0,
        ContractType contract = ContractType.Employed,
        string team = "team-a",
        int role = 5,
        bool registered = true,
        string? person = null,
        CoverReason cover = CoverReason.Unspecified,
        string? changeId = null,
        long sourceVersion = 0,
        string? swe = null) =>
        Add(new StaffChange
        {
            Authority = "841",
            ChangeId = changeId ?? NextId(),
            SourceVersion = sourceVersion,
            Kind = ChangeKind.Assignment,
            StaffId = staffId,
            PersonId = person,
            EffectiveDate = from,
            Team = team,
            CensusRole = role,
            Registered = registered,
            Contract = contract,
            CoverReason = contract == ContractType.Agency && cover == CoverReason.Unspecified ? CoverReason.Vacancy : cover,
            FteMillionths = Fte.ToMillionths(fte),
            CaseHolding = true,
            SweNumber = swe,
        });

    public ChangeLogBuilder Leave(string staffId, DateOnly lastDay, string? changeId = null, string? reason = null) =>
        Add(new StaffChange { Authority = "841", ChangeId = changeId ?? NextId(), Kind = ChangeKind.Leaver, StaffId = staffId, EffectiveDate = lastDay, LeavingReason = reason });

    public ChangeLogBuilder Reinstate(string staffId, DateOnly day) =>
        Add(new StaffChange { Authority = "841", ChangeId = NextId(), Kind = ChangeKind.Reinstatement, StaffId = staffId, EffectiveDate = day });

    public ChangeLogBuilder Retract(string changeId) =>
        Add(new StaffChange { Authority = "841", ChangeId = NextId(), Kind = ChangeKind.Correction, RetractsChangeId = changeId, EffectiveDate = new DateOnly(2025, 1, 1) });

    public ChangeLogBuilder Establish(string team, DateOnly from, double fundedFte) =>
        Add(new StaffChange { Authority = "841", ChangeId = NextId(), Kind = ChangeKind.Establishment, Team = team, EffectiveDate = from, FundedFteMillionths = Fte.ToMillionths(fundedFte) });

    public ChangeLogBuilder Absent(string staffId, DateOnly first, DateOnly? last, AbsenceReason reason, double workingDaysLost) =>
        Add(new StaffChange
        {
            Authority = "841",
            ChangeId = NextId(),
            Kind = ChangeKind.Absence,
            StaffId = staffId,
            EffectiveDate = first,
            AbsenceLastDay = last,
            AbsenceReason = reason,
            WorkingDaysLostHundredths = (long)Math.Round(workingDaysLost * 100),
        });

    public Register Register(DateTimeOffset? knownAt = null) => Api.Domain.Register.Build(_log, knownAt);

    /// <summary>Records a change as it is (e.g. one a reconciliation derived), after those before it.</summary>
    public ChangeLogBuilder Add(StaffChange change)
    {
        change.Sequence = _log.Count + 1;
        change.RecordedAt = _recordedAt;
        _recordedAt = _recordedAt.AddMinutes(1);
        _log.Add(change);
        return this;
    }

    private string NextId() => $"chg-{_log.Count + 1:0000}";
}
