using System.Globalization;
using System.Text;
using Caseload.V1;

namespace Workforce.DemoCouncil;

/// <summary>The allocation changes of one weekly extract, at most <see cref="AllocationFeed.MaxBatchSize"/>.</summary>
public sealed record AllocationBatch(DateOnly SentOn, IReadOnlyList<AllocationChange> Changes);

/// <summary>
/// A council's cases as the CaseAllocations feed: the opening, each allocation (a correction after a mistaken one)
/// and the closure of every case, ordered by when the case-management system recorded them and batched by week.
/// Change ids derive from record ids (demo-841-case-000123), so sending the feed again is a no-op at the server.
/// </summary>
public sealed class AllocationFeed
{
    public const int MaxBatchSize = 1000;

    private AllocationFeed(string authority, IReadOnlyList<AllocationBatch> batches, AllocationSummary summary)
    {
        Authority = authority;
        Batches = batches;
        Changes = [.. batches.SelectMany(b => b.Changes)];
        Summary = summary;
    }

    public string Authority { get; }

    public IReadOnlyList<AllocationBatch> Batches { get; }

    /// <summary>Every change in sending order.</summary>
    public IReadOnlyList<AllocationChange> Changes { get; }

    public AllocationSummary Summary { get; }

    public static AllocationFeed From(Council council)
    {
        var authority = council.Options.Authority;
        var end = council.Options.End;
        var sent = new List<(DateOnly Recorded, int Id, AllocationChange Change)>();

        AllocationChange Header(int id, Case @case, DateOnly effective) => new()
        {
            ChangeId = $"demo-{authority}-case-{id:000000}",
            CaseId = @case.CaseId,
            EffectiveDate = new Google.Type.Date { Year = effective.Year, Month = effective.Month, Day = effective.Day },
        };

        foreach (var @case in council.Cases)
        {
            for (var i = 0; i < @case.Allocations.Count; i++)
            {
                var a = @case.Allocations[i];
                var change = Header(a.Id, @case, a.From);
                if (i == 0)
                {
                    change.Open = new Open { Category = @case.Category, StaffId = a.StaffId ?? "" };
                }
                else
                {
                    change.Allocate = new Allocate { StaffId = a.StaffId ?? "" };
                }

                sent.Add((a.Recorded, a.Id, change));
                if (a.RetractedBy is { } c)
                {
                    var correction = Header(c.Id, @case, c.Recorded);
                    correction.Correction = new Correction { RetractsChangeId = change.ChangeId };
                    sent.Add((c.Recorded, c.Id, correction));
                }
            }

            if (@case.Closure is { } closure)
            {
                var change = Header(closure.Id, @case, closure.On);
                change.Close = new Close();
                sent.Add((closure.Recorded, closure.Id, change));
            }
        }

        // A weekly extract: everything recorded by the Sunday, the last one on the end date.
        var batches = sent.OrderBy(s => s.Recorded).ThenBy(s => s.Id)
            .GroupBy(s => s.Recorded.AddDays((7 - (int)s.Recorded.DayOfWeek) % 7))
            .SelectMany(week => week.Chunk(MaxBatchSize).Select(chunk => new AllocationBatch(
                CouncilSimulation.Min(week.Key, end), [.. chunk.Select(s => s.Change)])))
            .ToList();
        return new AllocationFeed(authority, batches, AllocationSummary.Of(council, batches));
    }
}

/// <summary>What an allocation feed holds, and the council's caseloads at the end date by the generator's own fold.</summary>
public sealed record AllocationSummary(
    DateOnly End,
    int Batches,
    IReadOnlyList<(string Kind, int Count)> ChangesByKind,
    int Cases,
    int OpenCases,
    int Unallocated,
    int HeldByLeavers,
    int CasesHeld,
    double CaseHoldingFte,
    int CaseHolders,
    int AtOrUnderTarget)
{
    /// <summary>The suite's default caseload target (domain.md §3), against which the share is reported.</summary>
    public const double Target = 18;

    internal static AllocationSummary Of(Council council, IReadOnlyList<AllocationBatch> batches)
    {
        var end = council.Options.End;
        var posts = council.Posts.ToDictionary(p => p.StaffId);
        var open = council.Cases.Where(c => c.IsOpenOn(end)).ToList();
        var held = open.Select(c => c.HolderOn(end)).OfType<string>().GroupBy(s => s).Select(g => (Terms: posts[g.Key].TermsOn(end), Cases: g.Count())).ToList();
        // The DfE average: cases held by registered workers in post, over the FTE of those holding at least one.
        var holders = held.Where(h => h.Terms is { Registered: true }).Select(h => (h.Cases, h.Terms!.Fte)).ToList();
        return new AllocationSummary(
            end,
            batches.Count,
            [.. batches.SelectMany(b => b.Changes).GroupBy(c => c.ChangeCase).OrderBy(g => g.Key).Select(g => (g.Key.ToString().ToLowerInvariant(), g.Count()))],
            council.Cases.Count,
            open.Count,
            open.Count(c => c.HolderOn(end) is null),
            held.Where(h => h.Terms is null).Sum(h => h.Cases),
            holders.Sum(h => h.Cases),
            holders.Sum(h => h.Fte),
            holders.Count,
            holders.Count(h => h.Cases <= Target * h.Fte));
    }

    public int Changes => ChangesByKind.Sum(k => k.Count);

    public double AverageCaseload => CasesHeld / CaseHoldingFte;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return new StringBuilder()
            .AppendLine(c, $"Case allocations: {Cases} cases, {Changes} changes in {Batches} weekly batches: {string.Join(", ", ChangesByKind.Select(k => $"{k.Kind} {k.Count}"))}")
            .AppendLine(c, $"  at {End:yyyy-MM-dd}: {OpenCases} open, {Unallocated} unallocated, {HeldByLeavers} still with a worker who has left")
            .Append(c, $"  average caseload {AverageCaseload:0.0} ({CasesHeld} cases / {CaseHoldingFte:0.0} FTE of {CaseHolders} case holders), {100.0 * AtOrUnderTarget / CaseHolders:0.0}% at or under {Target} pro rata")
            .ToString();
    }
}
