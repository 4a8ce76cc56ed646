using System.Globalization;
using System.Text;

namespace Workforce.DemoCouncil;

/// <summary>The changes HR sent in one feed run (one calendar month), at most <see cref="HrFeed.MaxBatchSize"/>.</summary>
public sealed record FeedBatch(DateOnly SentOn, IReadOnlyList<V1.StaffChange> Changes);

/// <summary>
/// A council's HR records as the StaffRegister feed: each record becomes one change (an absence one version per
/// report), ordered by when HR sent it — so late leavers arrive backdated — and batched by month. Change ids derive
/// from record ids (demo-841-000123), so sending the feed again is a no-op at the server.
/// </summary>
public sealed class HrFeed
{
    public const int MaxBatchSize = 1000;

    private HrFeed(string authority, IReadOnlyList<FeedBatch> batches, FeedSummary summary)
    {
        Authority = authority;
        Batches = batches;
        Changes = [.. batches.SelectMany(b => b.Changes)];
        Summary = summary;
    }

    public string Authority { get; }

    public IReadOnlyList<FeedBatch> Batches { get; }

    /// <summary>Every change in sending order.</summary>
    public IReadOnlyList<V1.StaffChange> Changes { get; }

    public FeedSummary Summary { get; }

    public static HrFeed From(Council council)
    {
        var authority = council.Options.Authority;
        var end = council.Options.End;
        var sent = new List<(DateOnly Recorded, int Id, long Version, V1.StaffChange Change)>();

        // What every change carries; the caller sets which change it is.
        V1.StaffChange Header(int id, Post? post, DateOnly effective) => new()
        {
            ChangeId = $"demo-{authority}-{id:000000}",
            StaffId = post?.StaffId ?? "",
            PersonId = post?.PersonId ?? "",
            EffectiveDate = Date(effective),
        };

        foreach (var e in council.Establishment)
        {
            var change = Header(e.Id, null, e.From);
            change.Establishment = new V1.Establishment { Team = e.Team, FundedFte = e.FundedFte };
            sent.Add((e.Recorded, e.Id, 0, change));
        }

        foreach (var post in council.Posts)
        {
            foreach (var a in post.Assignments)
            {
                var change = Header(a.Id, post, a.From);
                change.Assignment = Assignment(a.Terms, council.LineManager(post, a));
                sent.Add((a.Recorded, a.Id, 0, change));
                if (a.RetractedBy is { } c)
                {
                    var correction = Header(c.Id, post, c.Recorded);
                    correction.Correction = new V1.Correction { RetractsChangeId = change.ChangeId };
                    sent.Add((c.Recorded, c.Id, 0, correction));
                }
            }

            foreach (var l in post.Leavers)
            {
                var change = Header(l.Id, post, l.LastDay);
                change.Leaver = new V1.Leaver { Reason = l.Reason };
                sent.Add((l.Recorded, l.Id, 0, change));
                if (l.CancelledBy is { } r)
                {
                    var reinstatement = Header(r.Id, post, l.LastDay);
                    reinstatement.Reinstatement = new V1.Reinstatement();
                    sent.Add((r.Recorded, r.Id, 0, reinstatement));
                }
            }

            foreach (var absence in post.Absences)
            {
                // Each report revises the same change: a higher source version supersedes the open one.
                for (var version = 1; version <= absence.Reports.Count; version++)
                {
                    var report = absence.Reports[version - 1];
                    var change = Header(absence.Id, post, absence.FirstDay);
                    change.SourceVersion = version;
                    change.Absence = new V1.Absence { Reason = absence.Reason, WorkingDaysLost = report.WorkingDaysLost, LastDay = report.LastDay is { } d ? Date(d) : null };
                    sent.Add((report.Recorded, absence.Id, version, change));
                }
            }
        }

        var batches = sent.OrderBy(s => s.Recorded).ThenBy(s => s.Id).ThenBy(s => s.Version)
            .GroupBy(s => (s.Recorded.Year, s.Recorded.Month))
            .SelectMany(month => month.Chunk(MaxBatchSize).Select(chunk => new FeedBatch(
                Min(new DateOnly(month.Key.Year, month.Key.Month, DateTime.DaysInMonth(month.Key.Year, month.Key.Month)), end),
                [.. chunk.Select(s => s.Change)])))
            .ToList();
        return new HrFeed(authority, batches, FeedSummary.Of(council, batches));
    }

    private static V1.Assignment Assignment(Terms terms, string? lineManager) => new()
    {
        Team = terms.Team,
        CensusRole = terms.CensusRole,
        Registered = terms.Registered,
        Contract = terms.Contract,
        CoverReason = terms.Cover,
        Fte = terms.Fte,
        CaseHolding = terms.CaseHolding,
        LineManagerStaffId = lineManager ?? "",
        AsyeStart = terms.AsyeStart is { } asye ? Date(asye) : null,
    };

    private static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>What a feed holds: changes per kind and the council's DfE figures at the end date.</summary>
public sealed record FeedSummary(
    string Authority,
    DateOnly Start,
    DateOnly End,
    int Batches,
    IReadOnlyList<(string Kind, int Count)> ChangesByKind,
    int Revisions,
    int Posts,
    double EmployedFte,
    double AgencyFte,
    double FundedFte,
    double VacancyFte,
    double LeaversFte)
{
    internal static FeedSummary Of(Council council, IReadOnlyList<FeedBatch> batches)
    {
        var options = council.Options;
        var changes = batches.SelectMany(b => b.Changes).ToList();
        return new FeedSummary(
            options.Authority,
            options.Start,
            options.End,
            batches.Count,
            [.. changes.GroupBy(c => c.ChangeCase).OrderBy(g => g.Key).Select(g => (g.Key.ToString().ToLowerInvariant(), g.Count()))],
            changes.Count(c => c.SourceVersion > 1),
            council.Posts.Count,
            council.Fte(options.End, V1.ContractType.Employed),
            council.Fte(options.End, V1.ContractType.Agency),
            council.Teams.Sum(team => council.FundedFte(team, options.End)),
            council.VacancyFte(options.End),
            council.LeaversFte(options.End.AddYears(-1), options.End.AddDays(-1)));
    }

    public int Changes => ChangesByKind.Sum(k => k.Count);

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .AppendLine(c, $"Demo council {Authority}: HR history {Start:yyyy-MM-dd} to {End:yyyy-MM-dd}, {Posts} posts")
            .AppendLine(c, $"  {Changes} changes in {Batches} batches ({Revisions} revise an earlier absence): {string.Join(", ", ChangesByKind.Select(k => $"{k.Kind} {k.Count}"))}")
            .AppendLine(c, $"  at {End:yyyy-MM-dd}: employed FTE {EmployedFte:0.0}, agency FTE {AgencyFte:0.0} ({Rate(AgencyFte, AgencyFte + EmployedFte)}), funded FTE {FundedFte:0.0}")
            .Append(c, $"  vacancy FTE {VacancyFte:0.0} ({Rate(VacancyFte, VacancyFte + EmployedFte)}), leavers FTE in the year {LeaversFte:0.0} (turnover {Rate(LeaversFte, EmployedFte)})");
        return text.ToString();
    }

    private static string Rate(double part, double whole) => (100 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
