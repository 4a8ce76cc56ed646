using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Grpc;
using Workforce.V1;

namespace Workforce.Api.Grpc;

/// <summary>A validated monthly series request: the month ends from the month of <c>from</c> to the month of <c>to</c>.</summary>
public sealed record SeriesQuery(string Authority, Scope Scope, IReadOnlyList<DateOnly> MonthEnds, DateTimeOffset? KnownAt)
{
    public const int MaxMonths = 120;

    public static SeriesQuery Parse(SeriesRequest request, TimeProvider clock)
    {
        var figures = FigureQuery.Parse(request.Authority, request.Team, request.CensusRole, asOf: null, request.KnownAt, clock);
        var violations = new FieldViolations();
        DateOnly from = default, to = default;
        if (request.From is null || !Dates.TryToDateOnly(request.From, out from))
        {
            violations.Add("from", "a valid date is required");
        }

        if (request.To is null || !Dates.TryToDateOnly(request.To, out to))
        {
            violations.Add("to", "a valid date is required");
        }
        else if (to < from)
        {
            violations.Add("to", "must not be before from");
        }
        else if (Months(from, to) > MaxMonths)
        {
            violations.Add("to", $"a series covers at most {MaxMonths} months");
        }

        violations.ThrowIfAny();
        var monthEnds = Enumerable.Range(0, Months(from, to))
            .Select(i => MonthEnd(from.AddMonths(i)))
            .ToList();
        return new SeriesQuery(figures.Authority, figures.Scope, monthEnds, figures.KnownAt);
    }

    private static int Months(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    private static DateOnly MonthEnd(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
