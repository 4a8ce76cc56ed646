using Caseload.Api.Domain.Forecasting;
using Workforce.Forecasting;
using Xunit;

namespace Caseload.Api.Tests.Domain.Forecasting;

public sealed class CaseloadForecasterTests
{
    private static readonly DateOnly Origin = new(2025, 12, 31);
    private static readonly DateOnly Long = new(2020, 1, 1);
    private static readonly IReadOnlyList<DateOnly> Months = Enumerable.Range(1, 12).Select(m => CaseloadHistory.MonthEnd(new DateOnly(2026, m, 1))).ToList();

    [Fact]
    public void Known_demand_and_a_steady_workforce_give_the_hand_worked_average_with_no_spread()
    {
        var staffing = Staffing(employed: 20, agency: 0);

        var forecast = Run(new ExactDemand(360), staffing, ForecastScenario.None);

        // 360 cases over 20 FTE: 18.0 every month, at the target; nobody leaves, nobody starts.
        Assert.All(forecast.Months, m =>
        {
            Assert.Equal((360, 360, 360), (m.OpenCases.Point, m.OpenCases.Lower95, m.OpenCases.Upper95));
            Assert.Equal((20, 20, 20), (m.CaseHoldingFte.Point, m.CaseHoldingFte.Lower95, m.CaseHoldingFte.Upper95));
            Assert.Equal(18, m.AverageCaseload.Point, 9);
            Assert.Equal(20, m.FteNeededForTarget.Point, 9);
            Assert.Equal(1, m.ProbabilityTargetMet);
        });
        Assert.Equal(Months[0], forecast.TargetFirstMet);
        Assert.Equal(1, forecast.ProbabilityMetByHorizon);
    }

    [Fact]
    public void The_share_at_target_comes_from_simulated_allocations_not_from_the_average()
    {
        // Half the workers carry 1.5x the average and half 0.5x: at an average of 15 the quiet half expect 7.5
        // cases (always at target) and the busy half 22.5 ± 4.56 (binomial), at most 18 with probability
        // P(z < (18.5 − 22.5) / 4.56) = 0.19: 59.5% at target although the average is well under it.
        var council = new CouncilBuilder();
        for (var i = 0; i < 20; i++)
        {
            council.Worker($"w{i:00}", 1.0m, Long);
            council.Cases($"w{i:00}", i % 2 == 0 ? 30 : 10, new DateOnly(2025, 1, 1));
        }

        var staffing = StaffingOutlook.From(council.Timelines, council.Workers, Origin, Months, null, 0.6m);
        var forecast = Run(new ExactDemand(300), staffing, ForecastScenario.None);

        Assert.All(forecast.Months, m =>
        {
            Assert.Equal(15, m.AverageCaseload.Point, 9);
            Assert.InRange(m.ShareAtOrUnderTargetPercent.Point, 56, 63);
            Assert.True(m.ShareAtOrUnderTargetPercent.Lower95 < m.ShareAtOrUnderTargetPercent.Upper95);
        });
    }

    [Fact]
    public void Adding_five_fte_moves_the_target_date_earlier()
    {
        var staffing = Staffing(employed: 20, agency: 0);
        var falling = new ExactDemand(440, perMonth: -10);

        var baseline = Run(falling, staffing, ForecastScenario.None);
        var moreStaff = Run(falling, staffing, ForecastScenario.None with { FteChanges = [new FteChange(new DateOnly(2026, 2, 1), 5m, Agency: false)] });

        // Base: 440 − 10k cases over 20 FTE reaches 18 (360) at k = 8, August. With 25 FTE from February:
        // (440 − 20) / 25 = 16.8 in February.
        Assert.Equal(new DateOnly(2026, 8, 31), baseline.TargetFirstMet);
        Assert.Equal(new DateOnly(2026, 2, 28), moreStaff.TargetFirstMet);
        Assert.Equal(25, moreStaff.Months[1].CaseHoldingFte.Point, 9);
        Assert.Equal(["Add 5 FTE of employed social workers from 2026-02-01."], moreStaff.ScenarioApplied);
    }

    [Fact]
    public void An_empty_scenario_reproduces_the_base_forecast_exactly()
    {
        var staffing = Staffing(employed: 15, agency: 5, employedLeaving: 0.01, agencyLeaving: 0.05, startersPerMonth: 0.5);
        var demand = DemandModel.Fit(NoisySeries(), seasonLength: 12);

        var baseline = Run(demand, staffing, ForecastScenario.None);
        var noChange = Run(demand, staffing, new ForecastScenario([], null, 0m, null));

        Assert.Equal(baseline.Months, noChange.Months);
        Assert.Equal((baseline.TargetFirstMet, baseline.ProbabilityMetByHorizon), (noChange.TargetFirstMet, noChange.ProbabilityMetByHorizon));
        Assert.Empty(noChange.ScenarioApplied);
    }

    [Fact]
    public void Leaving_without_recruitment_shrinks_the_workforce_with_widening_intervals()
    {
        var staffing = Staffing(employed: 40, agency: 0, employedLeaving: 0.02);

        var forecast = Run(new ExactDemand(680), staffing, ForecastScenario.None);

        // Expected FTE after k months: 40 × 0.98^k (31.4 after a year), within simulation error.
        Assert.Equal(40 * Math.Pow(0.98, 12), forecast.Months[^1].CaseHoldingFte.Point, 0.6);
        var widths = forecast.Months.Select(m => m.CaseHoldingFte.Upper80 - m.CaseHoldingFte.Lower80).ToList();
        Assert.True(widths[^1] > widths[0], $"80% width {widths[0]} after a month, {widths[^1]} after a year");
        Assert.True(forecast.Months[^1].AverageCaseload.Point > forecast.Months[0].AverageCaseload.Point);
    }

    [Fact]
    public void Converting_agency_to_employed_keeps_more_staff_when_agency_workers_leave_faster()
    {
        var staffing = Staffing(employed: 10, agency: 10, employedLeaving: 0.01, agencyLeaving: 0.08);

        var baseline = Run(new ExactDemand(360), staffing, ForecastScenario.None);
        var converted = Run(new ExactDemand(360), staffing, ForecastScenario.None with { ConvertAgencyFrom = new DateOnly(2026, 1, 1) });

        Assert.True(converted.Months[^1].CaseHoldingFte.Point > baseline.Months[^1].CaseHoldingFte.Point + 3);
        Assert.Equal(["Convert agency social workers to employed from 2026-01-01 (they then leave at the employed rate)."], converted.ScenarioApplied);
    }

    [Fact]
    public void Removing_agency_fte_takes_it_out_from_the_date_and_says_when_there_is_not_enough()
    {
        var staffing = Staffing(employed: 10, agency: 2);

        var forecast = Run(new ExactDemand(216), staffing, ForecastScenario.None with { FteChanges = [new FteChange(new DateOnly(2026, 3, 1), -3m, Agency: true)] });

        Assert.Equal([12, 12, 10], forecast.Months.Take(3).Select(m => m.CaseHoldingFte.Point));
        Assert.Equal(21.6, forecast.Months[2].AverageCaseload.Point, 9);
        Assert.Contains("Only 2 of the 3 FTE to remove from 2026-03-01 were in post.", forecast.Notes);
    }

    [Fact]
    public void Demand_growth_and_a_new_target_are_applied_and_restated()
    {
        var staffing = Staffing(employed: 20, agency: 0);

        var forecast = Run(new ExactDemand(360), staffing, new ForecastScenario([], null, 10m, 16m));

        // 10% a year compounding monthly: 360 × 1.1^(12/12) = 396 after a year; 396 / 16 = 24.75 FTE needed.
        Assert.Equal(396, forecast.Months[^1].OpenCases.Point, 9);
        Assert.Equal(360 * Math.Pow(1.1, 1.0 / 12), forecast.Months[0].OpenCases.Point, 9);
        Assert.Equal(24.75, forecast.Months[^1].FteNeededForTarget.Point, 9);
        Assert.Equal(16m, forecast.Target);
        Assert.Null(forecast.TargetFirstMet);
        Assert.Equal(
            ["Change demand by +10% a year on top of the forecast.", "Target of 16 cases per FTE instead of the council's 18."],
            forecast.ScenarioApplied);
    }

    private static CaseloadForecast Run(IFittedModel demand, StaffingOutlook staffing, ForecastScenario scenario) =>
        CaseloadForecaster.Run(demand, staffing, Months, 18m, scenario, samplePaths: 400, seed: 7);

    /// <summary>Full-time workers holding equal caseloads, with the given monthly leaving and recruitment rates.</summary>
    private static StaffingOutlook Staffing(int employed, int agency, double employedLeaving = 0, double agencyLeaving = 0, double startersPerMonth = 0)
    {
        var known = Enumerable.Range(0, employed + agency).Select(i => new KnownWorker
        {
            StaffId = $"w{i:000}",
            Fte = Enumerable.Repeat(1.0, Months.Count).ToArray(),
            Capacity = Enumerable.Repeat(1.0, Months.Count).ToArray(),
            Agency = Enumerable.Repeat(i >= employed, Months.Count).ToArray(),
            LoadFactor = 1.0,
        }).ToList();
        return new StaffingOutlook(known, employedLeaving, agencyLeaving, startersPerMonth, [new StarterTemplate(1.0, false)], [1.0], 0, 12);
    }

    private static double[] NoisySeries()
    {
        var random = new Random(3);
        return Enumerable.Range(0, 48).Select(t => 380 + 0.5 * t + 12 * Math.Sin(2 * Math.PI * t / 12) + random.NextDouble() * 8).ToArray();
    }

    /// <summary>Demand known exactly: a line from <paramref name="start"/>, the same on every path.</summary>
    private sealed class ExactDemand(double start, double perMonth = 0) : IFittedModel
    {
        public string Method => "exact";

        public IReadOnlyList<string> Notes => [];

        public IReadOnlyList<ForecastPoint> Forecast(int horizon) =>
            Enumerable.Range(1, horizon).Select(h => start + perMonth * h).Select(v => new ForecastPoint(v, v, v, v, v)).ToList();

        public double[][] SimulatePaths(int horizon, int paths, Random random) =>
            Enumerable.Range(0, paths).Select(_ => Forecast(horizon).Select(p => p.Mean).ToArray()).ToArray();
    }
}
