using Caseload.Api.Data;
using Caseload.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Caching;

namespace Caseload.Api.Application;

/// <summary>Stores and reads the caseloads councils report at reference dates; a new report for a date replaces the old one whole.</summary>
public sealed class ReportedCaseloads(CaseloadDbContext db, HeardValues<DateOnly, ReportedFigures?> heard, TimeProvider clock)
{
    public async Task<(int Recorded, int Replaced)> ReplaceAsync(
        string authority, DateOnly referenceDate, string source, IReadOnlyList<(string StaffId, int Cases, long FteMillionths)> workers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replaced = await db.ReportedCaseloads.Where(r => r.Authority == authority && r.ReferenceDate == referenceDate).ExecuteDeleteAsync(cancellationToken);
        db.ReportedCaseloads.AddRange(workers.Select(w => new ReportedCaseload
        {
            Authority = authority, ReferenceDate = referenceDate, StaffId = w.StaffId, Cases = w.Cases, FteMillionths = w.FteMillionths, Source = source, RecordedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (workers.Count, replaced);
    }

    /// <summary>Read once per council and date until the council's reported caseloads (or other cached rows) change.</summary>
    public Task<ReportedFigures?> FiguresAsync(string authority, DateOnly referenceDate, CancellationToken cancellationToken) =>
        heard.GetAsync(authority, referenceDate, async token => ReportedFigures.From(await db.ReportedCaseloads.AsNoTracking()
            .Where(r => r.Authority == authority && r.ReferenceDate == referenceDate)
            .ToListAsync(token)), cancellationToken);
}
