namespace Caseload.Api.Domain;

/// <summary>An alert condition that is currently true for a worker; while it stays true no further alert is sent.</summary>
public sealed class AlertEpisode
{
    public required string Authority { get; set; }

    public required string StaffId { get; set; }

    /// <summary><c>above-18</c>, <c>above-20</c>, …, or <c>leaver</c>.</summary>
    public required string Condition { get; set; }

    public DateOnly Since { get; set; }
}

/// <summary>Which alert conditions hold for one worker on a day (domain rules; the episodes decide what is new).</summary>
public static class AlertConditions
{
    public const string Leaver = "leaver";

    public static string Above(decimal level) => $"above-{level:0.##}";

    /// <summary>The levels a worker is above (pro rata), or <see cref="Leaver"/> when they have left holding open cases.</summary>
    public static IReadOnlyList<(string Condition, decimal? Level)> For(Worker worker, int openCases, DateOnly day, IEnumerable<decimal> levels)
    {
        if (openCases == 0)
        {
            return [];
        }

        if (worker.PeriodOn(day) is not { } period)
        {
            return worker.Periods.Any(p => p.To is { } end && end <= day) ? [(Leaver, null)] : [];
        }

        if (!period.Registered)
        {
            return [];
        }

        var fte = period.FteMillionths / 1_000_000m;
        return levels.Where(level => openCases > level * fte).Select(level => (Above(level), (decimal?)level)).ToList();
    }
}
