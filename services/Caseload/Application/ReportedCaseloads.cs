using Caseload.Api.Data;
using Caseload.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Workforce.ServiceDefaults.Caching;

namespace Caseload.Api.Application;

/// <summary>Stores and reads the caseloads councils report at reference dates; a new report for a date replaces the old one whole.</summary>
public sealed class ReportedCaseloads(CaseloadDbContext db, HeardValues<string, IReadOnlyDictionary<DateOnly, ReportedFigures>> heard, TimeProvider clock)
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

    /// <summary>
    /// A council's reports (a few dates, each a census of its workers) are read whole, once until its reported
    /// caseloads (or other cached rows) change: an answer about any day then needs no database round trip.
    /// </summary>
    public async Task<ReportedFigures?> FiguresAsync(string authority, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        var reports = await heard.GetAsync(authority, nameof(ReportedCaseloads), async token => (await db.ReportedCaseloads.AsNoTracking()
                .Where(r => r.Authority == authority)
                .ToListAsync(token))
            .GroupBy(r => r.ReferenceDate)
            .ToDictionary(g => g.Key, g => ReportedFigures.From([.. g])!), cancellationToken);
        return reports.GetValueOrDefault(referenceDate);
    }
}
