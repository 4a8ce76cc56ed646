using Workforce.ServiceDefaults.Retention;

namespace Workforce.Api.Domain;

/// <summary>
/// The change-log rows retention removes: every row of a post that ended (a leaver, or moved out) before the cutoff
/// and has nothing on or after it, when every post of the same person did too — a worker still in post anywhere
/// keeps their whole history. Corrections go with the changes they retract; settings and establishment rows stay.
/// </summary>
public static class ExpiredPosts
{
    public static (IReadOnlySet<string> Posts, IReadOnlyList<StaffChange> Rows) Find(IReadOnlyList<StaffChange> log, DateOnly cutoff)
    {
        var register = Register.Build(log);
        var rowsByPost = log.Where(c => c.StaffId is not null).ToLookup(c => c.StaffId!, StringComparer.Ordinal);
        var ended = register.Posts
            .Where(post => !post.IsUnmatched && post.Periods.All(p => RetentionDates.EndedBefore(p.To, cutoff))
                && rowsByPost[post.StaffId].All(c => c.EffectiveDate < cutoff && (c.AbsenceLastDay is null || c.AbsenceLastDay < cutoff)))
            .Select(post => post.StaffId)
            .ToHashSet(StringComparer.Ordinal);
        var candidates = register.Posts
            .GroupBy(post => post.PersonId, StringComparer.Ordinal)
            .Where(person => person.All(post => ended.Contains(post.StaffId)))
            .SelectMany(person => person.Select(post => post.StaffId));
        return ExpiredRows.Select(log, candidates, c => c.StaffId, c => c.ChangeId, c => c.RetractsChangeId);
    }
}
