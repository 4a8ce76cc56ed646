using Workforce.V1;
using Kind = Workforce.V1.StaffChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>
/// The feed folded from the messages alone, as the register does (domain.md §1a): per change id the highest source
/// version, retracted change ids dropped; an assignment holds from its date until the post's next assignment or a
/// leaver's last day + 1; a reinstatement cancels the latest leaver on or before its date.
/// </summary>
internal sealed class Replay
{
    private readonly List<StaffChange> _establishment;

    public Replay(IEnumerable<StaffChange> feed)
    {
        var latest = feed.GroupBy(c => c.ChangeId).Select(g => g.MaxBy(c => c.SourceVersion)!).ToList();
        var retracted = latest.Where(c => c.ChangeCase == Kind.Correction).Select(c => c.Correction.RetractsChangeId).ToHashSet();
        var kept = latest.Where(c => c.ChangeCase != Kind.Correction && !retracted.Contains(c.ChangeId)).ToList();
        Posts = [.. kept.Where(c => c.StaffId.Length > 0).GroupBy(c => c.StaffId).Select(g => new PostHistory(g.Key, g))];
        _establishment = [.. kept.Where(c => c.ChangeCase == Kind.Establishment)];
    }

    public IReadOnlyList<PostHistory> Posts { get; }

    public IEnumerable<string> Teams => _establishment.Select(e => e.Establishment.Team).Distinct();

    public static DateOnly Day(Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    public double FundedFte(string team, DateOnly day) =>
        _establishment.Where(e => e.Establishment.Team == team && Day(e.EffectiveDate) <= day)
            .MaxBy(e => Day(e.EffectiveDate))?.Establishment.FundedFte ?? 0;

    /// <summary>Registered FTE in post on a day under a contract, optionally in one team.</summary>
    public double Fte(DateOnly day, ContractType contract, string? team = null) =>
        Posts.Select(p => p.On(day))
            .Where(a => a is not null && a.Registered && a.Contract == contract && (team is null || a.Team == team))
            .Sum(a => a!.Fte);

    /// <summary>Directly employed leavers with a last day in the range, at their last day's FTE, moves to agency work included.</summary>
    public double EmployedLeaversFte(DateOnly firstLastDay, DateOnly lastLastDay)
    {
        bool InRange(DateOnly day) => day >= firstLastDay && day <= lastLastDay;
        double EmployedOn(PostHistory post, DateOnly day) => post.On(day) is { Contract: ContractType.Employed, Registered: true } a ? a.Fte : 0;
        return Posts.Sum(post =>
            post.LastDays.Where(InRange).Sum(day => EmployedOn(post, day)) +
            post.Assignments.Where(a => a.Assignment.Contract == ContractType.Agency && InRange(a.From.AddDays(-1)))
                .Sum(a => EmployedOn(post, a.From.AddDays(-1))));
    }
}

internal sealed class PostHistory
{
    public PostHistory(string staffId, IEnumerable<StaffChange> changes)
    {
        StaffId = staffId;
        var list = changes.ToList();
        Assignments = [.. list.Where(c => c.ChangeCase == Kind.Assignment).Select(c => (Replay.Day(c.EffectiveDate), c.Assignment)).OrderBy(a => a.Item1)];
        Absences = [.. list.Where(c => c.ChangeCase == Kind.Absence)];
        var lastDays = list.Where(c => c.ChangeCase == Kind.Leaver).Select(c => Replay.Day(c.EffectiveDate)).Order().ToList();
        foreach (var reinstated in list.Where(c => c.ChangeCase == Kind.Reinstatement).Select(c => Replay.Day(c.EffectiveDate)).Order())
        {
            lastDays.Remove(lastDays.Last(day => day <= reinstated));
        }

        LastDays = lastDays;
    }

    public string StaffId { get; }

    public IReadOnlyList<(DateOnly From, Assignment Assignment)> Assignments { get; }

    public IReadOnlyList<DateOnly> LastDays { get; }

    public IReadOnlyList<StaffChange> Absences { get; }

    public Assignment? On(DateOnly day)
    {
        var (from, assignment) = Assignments.LastOrDefault(a => a.From <= day);
        return assignment is null || LastDays.Any(last => last >= from && last < day) ? null : assignment;
    }
}
