using Workforce.Api.Domain;
using Workforce.ServiceDefaults.Retention;

namespace Workforce.Api.Application;

/// <summary>Figures at dates, with the freshness watermark they reflect.</summary>
public sealed record DatedFigures<T>(IReadOnlyList<T> Figures, DateTimeOffset? Watermark);

/// <summary>
/// The agency rate and stability of a council: from its change log on and after the retention horizon, and from the
/// figures frozen by the purge before it (the rows they came from are gone).
/// </summary>
public sealed class CouncilFigures(RegisterReader reader, FrozenFigures frozen)
{
    public Task<DatedFigures<AgencyRate>> AgencyRatesAsync(string authority, Scope scope, IReadOnlyList<DateOnly> days, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        OnAsync(authority, WorkforceRetention.AgencyRateFigure, scope, days, knownAt, (register, day) => WorkforceFigures.AgencyRateOn(register, day, scope), cancellationToken);

    public Task<DatedFigures<Stability>> StabilityAsync(string authority, Scope scope, IReadOnlyList<DateOnly> days, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        OnAsync(authority, WorkforceRetention.StabilityFigure, scope, days, knownAt, (register, day) => WorkforceFigures.StabilityForYearTo(register, day, scope), cancellationToken);

    private async Task<DatedFigures<T>> OnAsync<T>(
        string authority, string figure, Scope scope, IReadOnlyList<DateOnly> days, DateTimeOffset? knownAt, Func<Register, DateOnly, T> live, CancellationToken cancellationToken)
    {
        var (register, horizon) = await reader.LoadWithHorizonAsync(authority, knownAt, cancellationToken);
        var figures = await frozen.OnAsync(horizon, figure, scope.Team, scope.CensusRole is null, days, knownAt,
            day => register.Memo.GetOrAdd((figure, scope, day), () => live(register, day)), cancellationToken);
        return new DatedFigures<T>(figures, FrozenFigures.Watermark(register.Watermark, horizon?.LogRecordedAt, knownAt));
    }
}
