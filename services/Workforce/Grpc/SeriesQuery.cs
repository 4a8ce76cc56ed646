using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;

namespace Workforce.Api.Grpc;

/// <summary>A validated monthly series request: the month ends from the month of <c>from</c> to the month of <c>to</c>.</summary>
public sealed record SeriesQuery(string Authority, Scope Scope, IReadOnlyList<DateOnly> MonthEnds, DateTimeOffset? KnownAt)
{
    public static SeriesQuery Parse(SeriesRequest request, TimeProvider clock)
    {
        var figures = FigureQuery.Parse(request.Authority, request.Team, request.CensusRole, asOf: null, request.KnownAt, clock);
        var violations = new FieldViolations();
        var monthEnds = ServiceDefaults.Grpc.MonthEnds.Parse(request.From, request.To, violations);
        violations.ThrowIfAny();
        return new SeriesQuery(figures.Authority, figures.Scope, monthEnds, figures.KnownAt);
    }
}
