using Caseload.V1;
using Workforce.V1;
using Xunit;
using Kind = Caseload.V1.AllocationChange.ChangeOneofCase;

namespace Workforce.DemoCouncil.Tests;

/// <summary>The default demo council's cases, folded from the allocation feed against the HR feed: Darlington-like caseloads and stability.</summary>
public sealed class CaseloadTests
{
    private static readonly DemoCouncilOptions Options = DemoFeeds.Options;
    private static readonly DateOnly End = Options.End;
    private static readonly IReadOnlyList<CaseHistory> Cases = DemoFeeds.ReplayedAllocations.Cases;
    private static readonly Dictionary<string, PostHistory> Posts = DemoFeeds.Replayed.Posts.ToDictionary(p => p.StaffId);
    private static readonly IEnumerable<DateOnly> ThirtiethsOfSeptember = Enumerable.Range(0, 4).Select(years => End.AddYears(-years));
    private static readonly IEnumerable<DateOnly> MonthEnds = Enumerable.Range(0, 48).Select(m => Options.Start.AddMonths(m + 1).AddDays(-1));

    [Fact]
    public void The_dfe_average_caseload_at_each_30_september_is_near_16_and_the_generator_summary_agrees_at_the_end()
    {
        foreach (var day in ThirtiethsOfSeptember)
        {
            var holders = Holders(day);
            Assert.InRange(holders.Sum(h => h.Cases) / holders.Sum(h => h.Terms.Fte), 14, 18);
        }

        var end = Holders(End);
        var summary = DemoFeeds.Allocations.Summary;
        Assert.Equal(
            (Cases.Count, Cases.Count(c => c.On(End) is not null), Cases.Count(c => c.On(End) is { StaffId: null })),
            (summary.Cases, summary.OpenCases, summary.Unallocated));
        Assert.Equal((end.Sum(h => h.Cases), end.Count), (summary.CasesHeld, summary.CaseHolders));
        Assert.Equal(end.Sum(h => h.Terms.Fte), summary.CaseHoldingFte, 9);
        Assert.Equal(end.Count(h => h.Cases <= 18 * h.Terms.Fte), summary.AtOrUnderTarget);
    }

    [Fact]
    public void Caseloads_are_uneven_with_some_workers_above_18_20_and_25_pro_rata()
    {
        var holders = Holders(End);
        int Above(double threshold) => holders.Count(h => h.Cases > threshold * h.Terms.Fte);

        Assert.True(Above(25) >= 1 && Above(20) > Above(25) && Above(18) > Above(20), $"above 18: {Above(18)}, 20: {Above(20)}, 25: {Above(25)}");
        Assert.InRange(1 - (double)Above(18) / holders.Count, 0.55, 0.9);
    }

    [Fact]
    public void Part_timers_hold_cases_pro_rata_and_settled_asye_workers_are_lighter()
    {
        var holders = ThirtiethsOfSeptember.SelectMany(day => Holders(day).Select(h => (h.Cases, h.Terms, Day: day))).Where(h => h.Terms.CaseHolding).ToList();
        bool Asye((int Cases, Assignment Terms, DateOnly Day) h) => h.Terms.AsyeStart is { } start && Replay.Day(start) <= h.Day && h.Day < Replay.Day(start).AddYears(1);
        var partTime = holders.Where(h => h.Terms.Fte < 1 && !Asye(h)).ToList();
        var fullTime = holders.Where(h => h.Terms.Fte == 1 && !Asye(h)).ToList();
        // Past the eight weeks in which a newly qualified worker builds up a caseload.
        var asye = holders.Where(h => Asye(h) && Replay.Day(h.Terms.AsyeStart).AddDays(56) <= h.Day).ToList();

        Assert.True(partTime.Average(h => h.Cases) < fullTime.Average(h => h.Cases));
        Assert.InRange(partTime.Average(h => h.Cases / h.Terms.Fte), 13, 20);
        Assert.True(asye.Count >= 3, $"{asye.Count} settled ASYE case holders");
        Assert.InRange(asye.Average(h => h.Cases / h.Terms.Fte), 9, 13);
    }

    [Fact]
    public void Every_category_is_present_children_in_need_most_and_looked_after_children_stay_open_longest()
    {
        var byCategory = Cases.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.ToList());
        int Median(CaseCategory category) => byCategory[category].Where(c => c.Closed is not null)
            .Select(c => c.Closed!.Value.DayNumber - c.Opened.DayNumber).Order().ElementAt(byCategory[category].Count(c => c.Closed is not null) / 2);

        Assert.Equal(
            [CaseCategory.ChildInNeed, CaseCategory.ChildProtection, CaseCategory.LookedAfter, CaseCategory.CareLeaver],
            byCategory.Keys.Order());
        Assert.Equal(CaseCategory.ChildInNeed, byCategory.MaxBy(c => c.Value.Count).Key);
        Assert.True(Median(CaseCategory.ChildInNeed) < Median(CaseCategory.ChildProtection) && Median(CaseCategory.ChildProtection) < Median(CaseCategory.LookedAfter));
    }

    [Fact]
    public void A_leavers_cases_move_from_the_day_after_the_last_day_except_a_few_left_for_reallocation_at_the_end()
    {
        var held = Cases.SelectMany(c => c.Periods.Where(p => p.StaffId is not null).Select(p => (Case: c, Period: p))).ToList();
        var afterLeaving = held
            .SelectMany(h => Posts[h.Period.StaffId!].LastDays.Where(last => h.Period.From <= last && (h.Period.To is null || h.Period.To > last.AddDays(1)))
                .Select(last => (h.Period, LastDay: last)))
            .ToList();
        var movedNextDay = held.Where(h => Posts[h.Period.StaffId!].LastDays.Any(last => h.Period.To == last.AddDays(1))).ToList();

        // The last case holder to leave before the end date still has three cases at it: GetCasesNeedingReallocation lists them as LEFT.
        Assert.InRange(afterLeaving.Count, 1, 3);
        Assert.Single(afterLeaving.Select(a => a.Period.StaffId).Distinct());
        Assert.All(afterLeaving, a => Assert.True(a.Period.To is null && a.LastDay >= End.AddDays(-28) && a.LastDay < End));
        Assert.True(movedNextDay.Count > 100, $"{movedNextDay.Count} cases moved on the day after their worker's last day");
        Assert.Contains(movedNextDay, m => m.Case.On(m.Period.To!.Value) is { StaffId: null, To: { } allocated } wait && allocated.DayNumber - wait.From.DayNumber >= 7);
        Assert.Contains(movedNextDay, m => m.Case.On(m.Period.To!.Value) is { StaffId: { } manager } && Posts[manager].On(m.Period.To!.Value)!.CensusRole == 3);
    }

    [Fact]
    public void Cases_move_when_a_worker_starts_maternity_leave_and_some_stay_through_long_sickness()
    {
        var absences = Posts.Values.SelectMany(p => p.Absences.Select(a => (Post: p, First: Replay.Day(a.EffectiveDate), a.Absence))).ToList();
        int HeldBy(string staffId, DateOnly day) => DemoFeeds.ReplayedAllocations.HeldOn(day).GetValueOrDefault(staffId);

        Assert.Contains(absences, a => a.Absence.Reason == AbsenceReason.Maternity &&
            HeldBy(a.Post.StaffId, a.First.AddDays(-1)) > 0 && HeldBy(a.Post.StaffId, a.First) == 0);
        Assert.Contains(absences, a => a.Absence.Reason == AbsenceReason.Sickness && a.Absence.LastDay is { } last &&
            Replay.Day(last) >= a.First.AddDays(28) && HeldBy(a.Post.StaffId, a.First.AddDays(28)) > 0);
    }

    [Fact]
    public void Team_managers_hold_a_few_cases_sometimes()
    {
        var managers = MonthEnds.Select(day => Holders(day).Where(h => h.Terms.CensusRole == 3).Sum(h => h.Cases)).ToList();

        Assert.Contains(managers, cases => cases > 0);
        Assert.Contains(managers, cases => cases == 0);
        Assert.All(managers, cases => Assert.InRange(cases, 0, 15));
    }

    [Fact]
    public void A_handful_of_open_cases_wait_unallocated_at_every_month_end()
    {
        var unallocated = MonthEnds.Select(day => Cases.Count(c => c.On(day) is { StaffId: null })).ToList();

        Assert.All(unallocated, count => Assert.InRange(count, 0, 15));
        Assert.InRange(unallocated.Average(), 2, 10);
        Assert.True(unallocated[^1] > 0);
    }

    [Fact]
    public void Between_15_and_45_percent_of_looked_after_children_had_3_or_more_workers_in_the_last_year()
    {
        // Darlington 2024: 32%, England 27% (domain.md §5); counted as GetWorkerChanges does.
        var workers = Cases.Where(c => c.Category == CaseCategory.LookedAfter).Select(c => c.WorkersOver(End.AddYears(-1).AddDays(1), End)).Where(n => n > 0).ToList();

        Assert.InRange((double)workers.Count(n => n >= 3) / workers.Count, 0.15, 0.45);
    }

    [Fact]
    public void A_mistaken_allocation_is_retracted_and_the_case_goes_to_the_right_worker_from_the_same_day()
    {
        var changes = DemoFeeds.Allocations.Changes.ToList();
        var correction = Assert.Single(changes, c => c.ChangeCase == Kind.Correction);
        var mistaken = Assert.Single(changes, c => c.ChangeId == correction.Correction.RetractsChangeId);
        var day = Replay.Day(mistaken.EffectiveDate);
        var right = Assert.Single(changes[changes.IndexOf(correction)..], c => c.CaseId == mistaken.CaseId && c.ChangeCase == Kind.Allocate && Replay.Day(c.EffectiveDate) == day);

        Assert.Equal(Kind.Allocate, mistaken.ChangeCase);
        Assert.NotEqual(Posts[mistaken.Allocate.StaffId].On(day)!.Team, Posts[right.Allocate.StaffId].On(day)!.Team);
        Assert.Equal(right.Allocate.StaffId, Cases.Single(c => c.CaseId == mistaken.CaseId).On(day)!.StaffId);
    }

    /// <summary>Workers counted by the DfE average on a day: registered, in post, holding at least one case.</summary>
    private static List<(int Cases, Assignment Terms)> Holders(DateOnly day) =>
        [.. DemoFeeds.ReplayedAllocations.HeldOn(day).Select(h => (Cases: h.Value, Terms: Posts[h.Key].On(day))).Where(h => h.Terms is { Registered: true }).Select(h => (h.Cases, h.Terms!))];
}
