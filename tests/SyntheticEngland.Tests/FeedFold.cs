using Caseload.V1;
using Workforce.V1;

namespace Workforce.SyntheticEngland.Tests;

/// <summary>
/// The DfE figures at 30 September folded from the feeds' messages alone, as the services see them, in tenths of FTE:
/// nothing here reads the generator's model.
/// </summary>
internal static class FeedFold
{
    public static YearFigures At(SyntheticCouncil council, int year)
    {
        var at = new DateOnly(year, 9, 30);
        static DateOnly Day(Google.Type.Date d) => new(d.Year, d.Month, d.Day);
        static int Tenths(double fte) => (int)Math.Round(fte * 10);

        var staff = council.StaffChanges.Where(c => c.StaffId != "").GroupBy(c => c.StaffId).Select(post =>
        {
            var assignments = post.Where(c => c.Assignment is not null).Select(c => (From: Day(c.EffectiveDate), c.Assignment)).OrderBy(a => a.From).ToList();
            var lastDay = post.Where(c => c.Leaver is not null).Select(c => (DateOnly?)Day(c.EffectiveDate)).SingleOrDefault();
            Assignment? On(DateOnly day) => lastDay < day ? null : assignments.LastOrDefault(a => a.From <= day).Assignment;
            return (StaffId: post.Key, On: (Func<DateOnly, Assignment?>)On, LastDay: lastDay);
        }).ToList();

        Assignment? Counted(Func<DateOnly, Assignment?> on, DateOnly day) => on(day) is { Registered: true } a ? a : null;
        var employed = staff.Select(s => Counted(s.On, at)).Where(a => a?.Contract == ContractType.Employed).ToList();
        var leavers = staff.Where(s => s.LastDay is { } l && l >= at.AddYears(-1) && l < at)
            .Select(s => Counted(s.On, s.LastDay!.Value)).Where(a => a?.Contract == ContractType.Employed).Sum(a => Tenths(a!.Fte));
        var vacancy = council.StaffChanges.Where(c => c.Establishment is not null && Day(c.EffectiveDate) <= at)
            .GroupBy(c => c.Establishment.Team)
            .Sum(team => Math.Max(0, Tenths(team.MaxBy(c => Day(c.EffectiveDate))!.Establishment.FundedFte) - employed.Where(a => a!.Team == team.Key).Sum(a => Tenths(a!.Fte))));

        var byStaff = staff.ToDictionary(s => s.StaffId);
        var held = council.AllocationChanges.GroupBy(c => c.CaseId).Select(@case =>
        {
            var known = @case.Where(c => Day(c.EffectiveDate) <= at).ToList();
            return known.Count == 0 || known.Any(c => c.Close is not null) ? null : known[^1] switch
            {
                { Open: { } open } => open.StaffId,
                { Allocate: { } allocate } => allocate.StaffId,
                _ => null,
            };
        }).Where(h => h is not null && Counted(byStaff[h].On, at) is not null).ToList();

        return new YearFigures(year,
            employed.Sum(a => Tenths(a!.Fte)),
            staff.Select(s => Counted(s.On, at)).Where(a => a?.Contract == ContractType.Agency).Sum(a => Tenths(a!.Fte)),
            leavers,
            vacancy,
            held.Distinct().Sum(h => Tenths(Counted(byStaff[h!].On, at)!.Fte)),
            held.Count);
    }
}
