using Caseload.V1;
using Google.Protobuf.WellKnownTypes;
using Workforce.ServiceDefaults.Grpc;
using CaseCategory = Caseload.Api.Domain.CaseCategory;

namespace Caseload.Api.Grpc;

/// <summary>A validated caseload query: whose, which part, as at which date, as known when.</summary>
public sealed record CaseloadQuery(string Authority, string? Team, CaseCategory? Category, DateOnly AsOf, DateTimeOffset? KnownAt)
{
    public static CaseloadQuery Parse(string authority, string team, V1.CaseCategory category, Google.Type.Date? asOf, Timestamp? knownAt, TimeProvider clock, FieldViolations violations)
    {
        Identifiers.Check(violations, "authority", authority, Identifiers.MaxAuthorityLength);
        if (team.Length > 0)
        {
            Identifiers.Check(violations, "team", team, Identifiers.MaxIdLength);
        }

        if (!System.Enum.IsDefined(category))
        {
            violations.Add("category", "is not a known case category");
        }

        var day = UkCalendar.Today(clock);
        if (asOf is not null && !Dates.TryToQueryDate(asOf, out day))
        {
            violations.Add("as_of", "must be a valid date from 1900 to 2199");
        }

        var known = Dates.KnownAt(knownAt, violations);

        return new CaseloadQuery(
            authority,
            team.Length > 0 ? team : null,
            category == V1.CaseCategory.Unspecified ? null : (CaseCategory)(int)category,
            day,
            known);
    }
}
