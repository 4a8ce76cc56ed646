using Grpc.Core;
using Workforce.ServiceDefaults.Auth;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>A validated many-council read: which councils (those asked for, else every one the token names) and which day.</summary>
public sealed record CouncilsQuery(IReadOnlyList<string> Authorities, DateOnly AsOf)
{
    /// <summary>More councils than England has, with room for joint returns and test councils.</summary>
    public const int MaxAuthorities = 500;

    public static CouncilsQuery Parse(IReadOnlyList<string> authorities, Google.Type.Date? asOf, ServerCallContext context, TimeProvider clock)
    {
        var violations = new FieldViolations();
        if (authorities.Count > MaxAuthorities)
        {
            violations.Add("authorities", $"must name at most {MaxAuthorities} councils (none: every one the token names)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < authorities.Count && i < MaxAuthorities; i++)
        {
            Identifiers.Check(violations, $"authorities[{i}]", authorities[i], Identifiers.MaxAuthorityLength);
            if (!seen.Add(authorities[i]))
            {
                violations.Add($"authorities[{i}]", "names a council already asked for");
            }
        }

        var day = UkCalendar.Today(clock);
        if (asOf is not null && !Dates.TryToQueryDate(asOf, out day))
        {
            violations.Add("as_of", "must be a valid date from 1900 to 2199");
        }

        violations.ThrowIfAny();
        CallerScope.DemandAuthorities(context, authorities);
        return new CouncilsQuery(CallerScope.Councils(context.GetHttpContext().User, authorities), day);
    }
}
