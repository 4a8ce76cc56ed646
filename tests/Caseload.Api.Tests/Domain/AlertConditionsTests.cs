using Caseload.Api.Domain;
using Xunit;

namespace Caseload.Api.Tests.Domain;

public sealed class AlertConditionsTests
{
    private static readonly DateOnly Day = new(2025, 9, 30);
    private static readonly decimal[] Levels = [18m, 20m, 25m];

    [Theory]
    [InlineData(1.0, 18, new string[0])]
    [InlineData(1.0, 19, new[] { "above-18" })]
    [InlineData(1.0, 21, new[] { "above-18", "above-20" })]
    [InlineData(0.5, 10, new[] { "above-18" })]
    [InlineData(0.5, 13, new[] { "above-18", "above-20", "above-25" })]
    public void Levels_are_pro_rata_to_fte(double fte, int cases, string[] expected)
    {
        var worker = Worker(new WorkerPeriod { From = new DateOnly(2020, 1, 1), Team = "north", FteMillionths = (long)(fte * 1_000_000), Registered = true, CaseHolding = true });

        Assert.Equal(expected, AlertConditions.For(worker, cases, Day, Levels).Select(c => c.Condition));
    }

    [Fact]
    public void A_leaver_with_open_cases_is_one_condition_and_a_future_starter_none()
    {
        var leaver = Worker(new WorkerPeriod { From = new DateOnly(2020, 1, 1), To = new DateOnly(2025, 7, 1), Team = "north", FteMillionths = 1_000_000, Registered = true });
        var starter = Worker(new WorkerPeriod { From = new DateOnly(2025, 11, 1), Team = "north", FteMillionths = 1_000_000, Registered = true });

        Assert.Equal([AlertConditions.Leaver], AlertConditions.For(leaver, 3, Day, Levels).Select(c => c.Condition));
        Assert.Empty(AlertConditions.For(leaver, 0, Day, Levels));
        Assert.Empty(AlertConditions.For(starter, 30, Day, Levels));
    }

    private static Worker Worker(WorkerPeriod period) => new() { Authority = "841", StaffId = "w", Version = 1, Periods = [period] };
}
