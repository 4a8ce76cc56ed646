using Supervision.Api.Data;
using Supervision.Api.Domain;
using Workforce.ServiceDefaults.Offboarding;
using Workforce.ServiceDefaults.Operations;

namespace Supervision.Api.Application;

/// <summary>Rebuilds a council's supervised staff from the workforce service; overdue alerts follow at the next scan.</summary>
public sealed class SupervisedStaffReadModel(SupervisionDbContext db) : IStaffReadModel
{
    public async Task<StaffRebuild> RebuildAsync(string authority, StaffSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ThrowIfOffboardedAsync(authority, cancellationToken);
        var rebuild = await StaffReadModelRebuild.ReplaceAsync(
            db.Staff, authority, snapshot, post => new SupervisedStaff { Authority = post.Authority, StaffId = post.StaffId }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rebuild;
    }
}
