using Workforce.SyntheticEngland;

namespace Workforce.LoadDriver;

/// <summary>An assignment in force over [From, To): what a workforce read model holds per post.</summary>
public sealed record AssignmentRow(string Authority, string StaffId, bool Agency, bool Registered, double Fte, string Team, DateOnly From, DateOnly To);

/// <summary>A case held by a worker over [From, To).</summary>
public sealed record AllocationRow(string Authority, string CaseId, string StaffId, DateOnly From, DateOnly To);

public sealed record SessionRow(string Authority, string Supervisee, DateOnly Day, bool Individual);

/// <summary>
/// The generated feeds as the effective-dated rows an analyst would query directly: the same rows the services
/// hold after applying the changes, for the direct-SQL and DuckDB baselines.
/// </summary>
public sealed class Rows
{
    public static readonly DateOnly Open = new(9999, 12, 31);

    public List<AssignmentRow> Assignments { get; } = [];

    public List<AllocationRow> Allocations { get; } = [];

    public List<SessionRow> Sessions { get; } = [];

    public void Add(SyntheticCouncil council)
    {
        static DateOnly Day(Google.Type.Date d) => new(d.Year, d.Month, d.Day);
        var authority = council.Authority;
        foreach (var post in council.StaffChanges.Where(c => c.StaffId != "").GroupBy(c => c.StaffId))
        {
            var end = post.Where(c => c.Leaver is not null).Select(c => Day(c.EffectiveDate).AddDays(1)).DefaultIfEmpty(Open).Single();
            var assignments = post.Where(c => c.Assignment is not null).OrderBy(c => Day(c.EffectiveDate)).ToList();
            for (var i = 0; i < assignments.Count; i++)
            {
                var a = assignments[i].Assignment;
                var to = i + 1 < assignments.Count ? Day(assignments[i + 1].EffectiveDate) : end;
                Assignments.Add(new(authority, post.Key, a.Contract == Workforce.V1.ContractType.Agency, a.Registered, a.Fte, a.Team, Day(assignments[i].EffectiveDate), to));
            }
        }

        foreach (var @case in council.AllocationChanges.GroupBy(c => c.CaseId))
        {
            var changes = @case.ToList();
            for (var i = 0; i < changes.Count; i++)
            {
                var staff = changes[i].Open?.StaffId ?? changes[i].Allocate?.StaffId;
                if (staff is not null)
                {
                    var to = i + 1 < changes.Count ? Day(changes[i + 1].EffectiveDate) : Open;
                    Allocations.Add(new(authority, @case.Key, staff, Day(changes[i].EffectiveDate), to));
                }
            }
        }

        Sessions.AddRange(council.Sessions.Select(s => new SessionRow(authority, s.SuperviseeStaffId, Day(s.Date), s.Kind == Supervision.V1.SessionKind.Individual)));
    }
}
