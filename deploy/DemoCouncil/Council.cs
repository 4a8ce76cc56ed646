namespace Workforce.DemoCouncil;

/// <summary>What generates a demo council: the same options give the same council, change for change.</summary>
public sealed record DemoCouncilOptions
{
    public int Seed { get; init; } = 20250930;

    /// <summary>DfE LA code; 841 is Darlington, whose 2025 figures the default council resembles.</summary>
    public string Authority { get; init; } = "841";

    /// <summary>The reference date the history runs up to; HR has sent nothing after it.</summary>
    public DateOnly End { get; init; } = new(2025, 9, 30);

    /// <summary>Four DfE reporting years of history: 1 October 2021 for the default end.</summary>
    public DateOnly Start => End.AddDays(1).AddYears(-4);
}

/// <summary>What a post is assigned to from a date: the content of one HR assignment.</summary>
public sealed record Terms(
    string Team,
    int CensusRole,
    V1.ContractType Contract,
    double Fte,
    V1.CoverReason Cover = V1.CoverReason.Unspecified,
    bool Registered = true,
    DateOnly? AsyeStart = null)
{
    /// <summary>Senior practitioners and case holders hold cases; managers and role 6 do not.</summary>
    public bool CaseHolding => CensusRole is 4 or 5;

    public bool IsEmployed => Contract == V1.ContractType.Employed;
}

// HR records. Id numbers a record within the council (its change id derives from it); Recorded is the day HR sent it.

public sealed record AssignmentRecord(int Id, DateOnly From, Terms Terms, DateOnly Recorded, CorrectionRecord? RetractedBy = null);

/// <summary>Retracts the assignment that holds it: it was keyed against the wrong post.</summary>
public sealed record CorrectionRecord(int Id, DateOnly Recorded);

public sealed record LeaverRecord(int Id, DateOnly LastDay, string Reason, DateOnly Recorded, ReinstatementRecord? CancelledBy = null);

/// <summary>Cancels the leaver that holds it: the resignation was withdrawn.</summary>
public sealed record ReinstatementRecord(int Id, DateOnly Recorded);

/// <summary>One absence as HR reported it over time: open first when it is long, then again with its last day.</summary>
public sealed record AbsenceRecord(int Id, DateOnly FirstDay, V1.AbsenceReason Reason, IReadOnlyList<AbsenceReport> Reports);

public sealed record AbsenceReport(DateOnly Recorded, DateOnly? LastDay, double WorkingDaysLost);

public sealed record EstablishmentRecord(int Id, string Team, DateOnly From, double FundedFte, DateOnly Recorded);

/// <summary>One post (a staff id) and every HR record about it.</summary>
public sealed class Post(string staffId, string? personId)
{
    private readonly List<AssignmentRecord> _assignments = [];
    private readonly List<LeaverRecord> _leavers = [];
    private readonly List<AbsenceRecord> _absences = [];

    public string StaffId { get; } = staffId;

    /// <summary>Set when one person holds several posts.</summary>
    public string? PersonId { get; } = personId;

    public IReadOnlyList<AssignmentRecord> Assignments => _assignments;

    public IReadOnlyList<LeaverRecord> Leavers => _leavers;

    public IReadOnlyList<AbsenceRecord> Absences => _absences;

    /// <summary>
    /// The terms in force on <paramref name="day"/> (domain.md §1a): the latest assignment from on or before it,
    /// unless a leaver since then has ended it; null when not in post. Retracted and cancelled records do not count.
    /// </summary>
    public Terms? TermsOn(DateOnly day)
    {
        var assignment = AssignmentOn(day);
        return assignment is null || _leavers.Any(l => l.CancelledBy is null && l.LastDay >= assignment.From && l.LastDay < day)
            ? null
            : assignment.Terms;
    }

    /// <summary>The assignment in force on <paramref name="day"/> (whether or not a leaver has ended it since).</summary>
    public AssignmentRecord? AssignmentOn(DateOnly day) => _assignments.Where(a => a.RetractedBy is null && a.From <= day).MaxBy(a => a.From);

    /// <summary>Absent on <paramref name="day"/> by HR's latest report of each absence (an open one runs on).</summary>
    public bool AbsentOn(DateOnly day) =>
        _absences.Any(a => a.FirstDay <= day && (a.Reports[^1].LastDay is not { } last || day <= last));

    internal void Add(AssignmentRecord assignment) => _assignments.Add(assignment);

    internal void Add(LeaverRecord leaver) => _leavers.Add(leaver);

    internal void Add(AbsenceRecord absence) => _absences.Add(absence);
}

/// <summary>
/// A synthetic council's children's social work teams: its posts with their HR records, the funded establishment
/// of each team, and the cases its workers hold. Staff ids are post-0001, …; nothing describes a real person.
/// </summary>
public sealed class Council
{
    private readonly List<Post> _posts = [];
    private readonly List<EstablishmentRecord> _establishment = [];
    private readonly List<Case> _cases = [];
    private readonly List<SupervisionRecord> _supervision = [];
    private int _lastId;

    internal Council(DemoCouncilOptions options) => Options = options;

    public DemoCouncilOptions Options { get; }

    public IReadOnlyList<Post> Posts => _posts;

    public IReadOnlyList<EstablishmentRecord> Establishment => _establishment;

    public IReadOnlyList<Case> Cases => _cases;

    public IReadOnlyList<SupervisionRecord> Supervision => _supervision;

    public IEnumerable<string> Teams => _establishment.Select(e => e.Team).Distinct();

    /// <summary>The HR history first; the case work and supervision then follow the workers it gives.</summary>
    public static Council Generate(DemoCouncilOptions options) =>
        new SupervisionSimulation(new CaseSimulation(new CouncilSimulation(options).Run()).Run()).Run();

    public double FundedFte(string team, DateOnly day) =>
        _establishment.Where(e => e.Team == team && e.From <= day).MaxBy(e => e.From)?.FundedFte ?? 0;

    /// <summary>FTE of registered social workers in post on <paramref name="day"/> under a contract, optionally in one team.</summary>
    public double Fte(DateOnly day, V1.ContractType contract, string? team = null) =>
        _posts.Select(p => p.TermsOn(day))
            .Where(t => t is not null && t.Registered && t.Contract == contract && (team is null || t.Team == team))
            .Sum(t => t!.Fte);

    /// <summary>Funded FTE not filled by directly employed staff, floored at zero per team (domain.md §1a).</summary>
    public double VacancyFte(DateOnly day) =>
        Teams.Sum(team => Math.Max(0, FundedFte(team, day) - Fte(day, V1.ContractType.Employed, team)));

    /// <summary>FTE of directly employed leavers, moves to agency work included, with a last day in the range.</summary>
    public double LeaversFte(DateOnly firstLastDay, DateOnly lastLastDay)
    {
        bool InRange(DateOnly day) => day >= firstLastDay && day <= lastLastDay;
        double EmployedOn(Post post, DateOnly day) => post.TermsOn(day) is { IsEmployed: true, Registered: true } t ? t.Fte : 0;
        return _posts.Sum(post =>
            post.Leavers.Where(l => l.CancelledBy is null && InRange(l.LastDay)).Sum(l => EmployedOn(post, l.LastDay)) +
            post.Assignments.Where(a => a.RetractedBy is null && !a.Terms.IsEmployed && InRange(a.From.AddDays(-1)))
                .Sum(a => EmployedOn(post, a.From.AddDays(-1))));
    }

    /// <summary>
    /// The line manager HR names on an assignment: the one in post when it takes effect (or at the initial extract,
    /// for assignments from before the history), by <see cref="LineManagers"/>.
    /// </summary>
    public string? LineManager(Post post, AssignmentRecord assignment)
    {
        var extract = Options.Start.AddDays(-1);
        return LineManagers(post.StaffId, assignment.Terms, assignment.From < extract ? extract : assignment.From).FirstOrDefault()?.StaffId;
    }

    /// <summary>
    /// Who may line-manage a post with these terms on a day, first choice first: a team's first-line manager (role 3)
    /// its practitioners, a middle manager (role 2) the first-line managers, the senior manager (role 1) the middle
    /// managers; registered and in post. The senior manager answers to the chief executive, outside the workforce.
    /// </summary>
    internal IEnumerable<Post> LineManagers(string staffId, Terms terms, DateOnly day)
    {
        var role = terms.CensusRole switch { 1 => 0, 2 => 1, 3 => 2, _ => 3 };
        var candidates = _posts
            .Where(p => p.StaffId != staffId && p.TermsOn(day) is { Registered: true } t && t.CensusRole == role && (role != 3 || t.Team == terms.Team))
            .ToList();
        // Middle managers split the teams between them rather than one taking every first-line manager.
        var first = candidates.Count == 0 ? 0 : Math.Max(0, Teams.ToList().IndexOf(terms.Team)) % candidates.Count;
        return candidates.Skip(first).Concat(candidates.Take(first));
    }

    internal int NextId() => ++_lastId;

    internal Post AddPost(string? personId)
    {
        var post = new Post($"post-{_posts.Count + 1:0000}", personId);
        _posts.Add(post);
        return post;
    }

    internal void Add(EstablishmentRecord establishment) => _establishment.Add(establishment);

    internal void Add(Case @case) => _cases.Add(@case);

    internal void Add(SupervisionRecord session) => _supervision.Add(session);
}
