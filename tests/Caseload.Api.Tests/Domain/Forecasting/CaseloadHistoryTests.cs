using Caseload.Api.Domain.Forecasting;
using Xunit;

namespace Caseload.Api.Tests.Domain.Forecasting;

public sealed class CaseloadHistoryTests
{
    [Fact]
    public void Month_ends_count_open_cases_held_and_the_months_openings_and_closures()
    {
        var council = new CouncilBuilder();
        council.Worker("w1", 1.0m, new DateOnly(2024, 1, 1));
        council.Worker("w2", 0.5m, new DateOnly(2024, 1, 1), team: "south");
        council.Cases("w1", 10, new DateOnly(2025, 1, 15));
        council.Cases("w1", 4, new DateOnly(2025, 2, 3), to: new DateOnly(2025, 3, 31));
        council.Cases("w2", 6, new DateOnly(2025, 2, 28), to: new DateOnly(2025, 3, 1));

        var history = CaseloadHistory.Build(council.Timelines, council.Workers, new DateOnly(2025, 3, 31), team: null);

        // January: 10 open (1.0 FTE). February: 10 + 4 + 6 = 20 over 1.5 FTE. March: the 6 closed on 1 March and
        // the 4 on 31 March (not open that day), so 10 remain.
        Assert.Equal(
            [
                (new DateOnly(2025, 1, 31), 10, 10, 0, 1.0m),
                (new DateOnly(2025, 2, 28), 20, 10, 0, 1.5m),
                (new DateOnly(2025, 3, 31), 10, 0, 10, 1.0m),
            ],
            history.Select(h => (h.MonthEnd, h.OpenCases, h.Opened, h.Closed, h.CaseHoldingFte)));
        Assert.Equal([10, 14, 10], CaseloadHistory.Build(council.Timelines, council.Workers, new DateOnly(2025, 3, 31), "north").Select(h => h.OpenCases));
    }

    [Fact]
    public void The_origin_is_the_last_month_end_on_or_before_the_start_and_no_case_means_no_history()
    {
        Assert.Equal(new DateOnly(2025, 8, 31), CaseloadHistory.MonthEndOnOrBefore(new DateOnly(2025, 9, 29)));
        Assert.Equal(new DateOnly(2025, 9, 30), CaseloadHistory.MonthEndOnOrBefore(new DateOnly(2025, 9, 30)));
        Assert.Equal(new DateOnly(2024, 2, 29), CaseloadHistory.MonthEnd(new DateOnly(2024, 2, 1)));

        var council = new CouncilBuilder();
        council.Worker("w1", 1.0m, new DateOnly(2024, 1, 1));
        Assert.Empty(CaseloadHistory.Build(council.Timelines, council.Workers, new DateOnly(2025, 3, 31), null));
        council.Cases("w1", 1, new DateOnly(2025, 5, 1));
        Assert.Empty(CaseloadHistory.Build(council.Timelines, council.Workers, new DateOnly(2025, 3, 31), null));
    }

    [Fact]
    public void History_is_capped_at_ten_years_back_from_the_origin()
    {
        var council = new CouncilBuilder();
        council.Worker("w1", 1.0m, new DateOnly(2000, 1, 1));
        council.Cases("w1", 1, new DateOnly(2001, 1, 1));

        var history = CaseloadHistory.Build(council.Timelines, council.Workers, new DateOnly(2025, 3, 31), null);

        Assert.Equal(CaseloadHistory.MaxMonths, history.Count);
        Assert.Equal(new DateOnly(2015, 4, 30), history[0].MonthEnd);
    }
}
