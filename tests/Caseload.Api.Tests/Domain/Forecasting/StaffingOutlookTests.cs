using Caseload.Api.Domain;
using Caseload.Api.Domain.Forecasting;
using Xunit;

namespace Caseload.Api.Tests.Domain.Forecasting;

public sealed class StaffingOutlookTests
{
    private static readonly DateOnly Origin = new(2025, 12, 31);
    private static readonly DateOnly Long = new(2020, 1, 1);
    private static readonly IReadOnlyList<DateOnly> Months = Enumerable.Range(1, 12).Select(m => CaseloadHistory.MonthEnd(new DateOnly(2026, m, 1))).ToList();

    [Fact]
    public void Leaving_rates_by_contract_and_recruitment_come_from_the_trailing_twelve_months()
    {
        var council = new CouncilBuilder();
        for (var i = 0; i < 9; i++)
        {
            council.Worker($"e{i}", 1.0m, Long);
        }

        council.Worker("e-left", 1.0m, Long, to: new DateOnly(2025, 6, 15));
        council.Worker("a-stays", 1.0m, Long, agency: true);
        council.Worker("a-left", 1.0m, Long, to: new DateOnly(2025, 9, 1), agency: true);
        council.Worker("starter", 0.8m, new DateOnly(2025, 10, 10));

        var outlook = StaffingOutlook.From(council.Timelines, council.Workers, Origin, Months, null, 0.6m);

        // Employed: 10 in post at the six month ends Dec–May, before the leaver goes (pairs Dec→Jan … May→Jun)
        // = 60, then 9 for the 6 pairs Jun→Jul … Nov→Dec = 54, plus the starter at Oct and Nov month ends = 2:
        // 116 worker-months with 1 leaver. Agency: 2 × 9 pairs (Dec→Jan … Aug→Sep) + 1 × 3 = 21 with 1 leaver.
        Assert.Equal(1.0 / 116, outlook.EmployedMonthlyLeaving, 12);
        Assert.Equal(1.0 / 21, outlook.AgencyMonthlyLeaving, 12);
        Assert.Equal(1.0 / 12, outlook.StartersPerMonth, 12);
        Assert.Equal([new StarterTemplate(0.8, false)], outlook.Starters);
        Assert.Equal(12, outlook.MonthsObserved);
        Assert.Equal(100 * (1 - Math.Pow(1 - 1.0 / 21, 12)), StaffingOutlook.AnnualPercent(outlook.AgencyMonthlyLeaving), 9);
    }

    [Fact]
    public void Known_future_changes_shape_each_workers_months()
    {
        var council = new CouncilBuilder();
        council.Worker("leaver", 1.0m, Long, to: new DateOnly(2026, 3, 15));
        council.Worker("asye", 1.0m, Long, asyeStart: new DateOnly(2025, 6, 1));
        var absent = council.Worker("absent", 0.5m, Long);
        absent.Absences.Add(new WorkerAbsence { FirstDay = new DateOnly(2025, 11, 1), LastDay = new DateOnly(2026, 2, 10), LongTermFrom = new DateOnly(2025, 11, 29) });
        council.Worker("future", 1.0m, new DateOnly(2026, 4, 1), agency: true);
        council.Worker("other-team", 1.0m, Long, team: "south");
        council.Cases("leaver", 20, new DateOnly(2025, 1, 1));
        council.Cases("asye", 10, new DateOnly(2025, 1, 1));

        var outlook = StaffingOutlook.From(council.Timelines, council.Workers, Origin, Months, "north", 0.6m);
        var known = outlook.Known.ToDictionary(w => w.StaffId);

        Assert.Equal(["absent", "asye", "future", "leaver"], known.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 1, 0, 0], known["leaver"].Fte.Take(4));
        Assert.Equal([0.6, 0.6, 0.6, 0.6, 0.6, 1, 1], known["asye"].Capacity.Take(7).Select(c => Math.Round(c, 9)));
        Assert.Equal([0, 0.5, 0.5], known["absent"].Capacity.Take(3));
        Assert.Equal([0.5, 0.5, 0.5], known["absent"].Fte.Take(3));
        Assert.Equal([false, false, false, true], known["future"].Agency.Take(4));
        // Leaving (March), the ASYE year ending (June), the return from absence (February), the future starter (April).
        Assert.Equal(4, outlook.KnownChanges);
        // 30 cases over 2 FTE holding them at the origin: 15 per FTE; the leaver carries 20 (4/3 of it), the ASYE worker 10.
        Assert.Equal(20.0 / 15, known["leaver"].LoadFactor!.Value, 12);
        Assert.Equal(10.0 / 15, known["asye"].LoadFactor!.Value, 12);
        Assert.Null(known["absent"].LoadFactor);
    }

    [Fact]
    public void A_register_that_starts_within_the_window_counts_only_the_months_it_covers()
    {
        var council = new CouncilBuilder();
        council.Worker("first", 1.0m, new DateOnly(2025, 9, 1));
        council.Worker("second", 1.0m, new DateOnly(2025, 11, 5));

        var outlook = StaffingOutlook.From(council.Timelines, council.Workers, Origin, Months, null, 0.6m);

        // Sep→Oct, Oct→Nov, Nov→Dec are observed; "first" arriving is the register starting, "second" a starter.
        Assert.Equal(3, outlook.MonthsObserved);
        Assert.Equal(1.0 / 3, outlook.StartersPerMonth, 12);
        Assert.Equal(0, outlook.EmployedMonthlyLeaving);
    }
}
