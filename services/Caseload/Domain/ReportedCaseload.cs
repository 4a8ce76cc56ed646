namespace Caseload.Api.Domain;

/// <summary>A worker's caseload as the council reported it at a reference date (e.g. in its census return), not derived from allocations.</summary>
public sealed class ReportedCaseload
{
    public string Authority { get; set; } = "";

    public DateOnly ReferenceDate { get; set; }

    public string StaffId { get; set; } = "";

    public int Cases { get; set; }

    public long FteMillionths { get; set; }

    public string Source { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The DfE average over reported caseloads: cases ÷ FTE of the workers holding at least one.</summary>
public sealed record ReportedFigures(string Source, int Cases, decimal CaseHoldingFte, int CaseHoldingWorkers, DateTimeOffset RecordedAt)
{
    public decimal? AverageCaseload => CaseHoldingFte == 0 ? null : Cases / CaseHoldingFte;

    /// <summary>Null when nothing was reported for the date.</summary>
    public static ReportedFigures? From(IReadOnlyCollection<ReportedCaseload> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var holders = rows.Where(r => r.Cases > 0).ToList();
        return new ReportedFigures(
            rows.First().Source,
            rows.Sum(r => r.Cases),
            holders.Sum(r => r.FteMillionths) / 1_000_000m,
            holders.Count,
            rows.Max(r => r.RecordedAt));
    }
}
