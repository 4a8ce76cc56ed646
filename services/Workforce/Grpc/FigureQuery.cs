using Google.Protobuf.WellKnownTypes;
using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;

namespace Workforce.Api.Grpc;

/// <summary>A validated query: whose figures, for which part of the council, as at which date, as known when.</summary>
public sealed record FigureQuery(string Authority, Scope Scope, DateOnly AsOf, DateTimeOffset? KnownAt)
{
    public static FigureQuery Parse(FigureRequest request, TimeProvider clock) =>
        Parse(request.Authority, request.Team, request.CensusRole, request.AsOf, request.KnownAt, clock);

    public static FigureQuery Parse(string authority, string team, int censusRole, Google.Type.Date? asOf, Timestamp? knownAt, TimeProvider clock, string? staffId = null)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", authority, Identifiers.MaxAuthorityLength);
        if (staffId is not null)
        {
            Identifiers.Check(violations, "staff_id", staffId, Identifiers.MaxIdLength);
        }

        if (team.Length > 0)
        {
            Identifiers.Check(violations, "team", team, Identifiers.MaxIdLength);
        }

        if (censusRole is < 0 or > 6)
        {
            violations.Add("census_role", "must be 0 (all roles) or a DfE census role code from 1 to 6");
        }

        var day = UkCalendar.Today(clock);
        if (asOf is not null && !Dates.TryToQueryDate(asOf, out day))
        {
            violations.Add("as_of", "must be a valid date from 1900 to 2199");
        }

        var known = Dates.KnownAt(knownAt, violations);

        violations.ThrowIfAny();
        return new FigureQuery(authority, new Scope(team.Length > 0 ? team : null, censusRole > 0 ? censusRole : null), day, known);
    }
}
