using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>Turns a post's recorded changes into its effective-dated assignments over half-open intervals.</summary>
public static class AssignmentHistory
{
    /// <summary>
    /// Each change is in force from its effective date until the next later effective date; of several changes
    /// effective on the same day the one recorded last (highest version) wins, so a resent record corrects.
    /// </summary>
    public static IReadOnlyList<AssignmentPeriod> Periods(IEnumerable<AssignmentRecord> records)
    {
        var byDay = records
            .GroupBy(r => r.EffectiveFrom)
            .Select(day => day.MaxBy(r => r.Version)!)
            .OrderBy(r => r.EffectiveFrom)
            .ToList();

        var periods = new List<AssignmentPeriod>(byDay.Count);
        for (var i = 0; i < byDay.Count; i++)
        {
            var record = byDay[i];
            DateOnly? to = i + 1 < byDay.Count ? byDay[i + 1].EffectiveFrom : null;
            periods.Add(new AssignmentPeriod(
                record.EffectiveFrom,
                to,
                record.Team,
                record.CensusRole,
                record.Contract,
                Fte.FromMillionths(record.FteMillionths),
                record.Registered,
                record.CaseHolding));
        }

        return periods;
    }
}
