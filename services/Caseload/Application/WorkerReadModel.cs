using Caseload.Api.Data;
using Caseload.Api.Domain;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;

namespace Caseload.Api.Application;

/// <summary>Rebuilds a council's workers from the workforce service, and re-evaluates the alerts of those it rewrote.</summary>
public sealed class WorkerReadModel(CaseloadDbContext db, CaseloadAlerts alerts) : IStaffReadModel
{
    public async Task<StaffRebuild> RebuildAsync(string authority, StaffSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ThrowIfOffboardedAsync(authority, cancellationToken);
        var rebuild = await StaffReadModelRebuild.ReplaceAsync(
            db.Workers, authority, snapshot, post => new Worker { Authority = post.Authority, StaffId = post.StaffId }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await alerts.EvaluateAsync(authority, rebuild.Written, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rebuild;
    }
}
