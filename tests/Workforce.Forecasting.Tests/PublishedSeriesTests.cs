using Xunit;

namespace Workforce.Forecasting.Tests;

public class PublishedSeriesTests
{
    private static readonly PublishedSeriesSet ChildrenInNeed = Read(PublishedSeries.ChildrenInNeedFile, PublishedSeries.ChildrenInNeedColumn);

    private static readonly PublishedSeriesSet Referrals = Read(PublishedSeries.ReferralsFile, PublishedSeries.ReferralsColumn);

    [Fact]
    public void A_council_with_every_year_published_is_read_in_year_order()
    {
        var darlington = Assert.Single(ChildrenInNeed.Complete, c => c.Code == "841");

        Assert.Equal("Darlington", darlington.Name);
        Assert.Equal(2013, darlington.FirstYear);
        Assert.Equal([850.0, 897, 845, 927, 838, 900, 1042, 927, 861, 1086, 1200, 1110, 1002], darlington.Values);
    }

    [Theory]
    [InlineData("840", "County Durham", "2013: x")]
    [InlineData("850", "Hampshire", "2024: u")]
    [InlineData("420", "Isles of Scilly", "2014: c, 2023: c")]
    [InlineData("204", "Hackney", "2021: x, 2022: x")]
    public void A_council_with_a_suppressed_figure_is_left_out_not_read_as_zero(string code, string name, string reason)
    {
        Assert.DoesNotContain(ChildrenInNeed.Complete, c => c.Code == code);
        Assert.Contains(new ExcludedCouncil(code, name, reason), ChildrenInNeed.Excluded);
    }

    [Fact]
    public void Councils_created_after_2013_are_left_out_and_quoted_names_read_whole()
    {
        var poole = Assert.Single(ChildrenInNeed.Excluded, c => c.Code == "839");

        Assert.Equal("Bournemouth, Christchurch and Poole", poole.Name);
        Assert.StartsWith("2013: none", poole.Reason);
        Assert.Contains(Referrals.Excluded, c => c.Code == "942" && c.Name == "Cumberland");
        // 158 councils appear in the file; 18 lack a figure in some year.
        Assert.Equal(140, ChildrenInNeed.Complete.Count);
        Assert.Equal(18, ChildrenInNeed.Excluded.Count);
        Assert.Equal(140, Referrals.Complete.Count);
    }

    [Fact]
    public void A_small_back_test_on_real_councils_forecasts_2023_to_2025_from_2022()
    {
        var councils = ChildrenInNeed.Complete.Where(c => c.Code is "841" or "806" or "807" or "808" or "805").ToList();

        var outcomes = PublishedBacktest.Run(councils, 2022, [ForecastMethod.ExponentialSmoothing, ForecastMethod.Naive]);

        Assert.Equal(5, councils.Count);
        Assert.Equal(5 * 2 * 3, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(10, o.Origin));
        var darlington = outcomes.Where(o => o.Series == "841 Darlington" && o.Method == "naive").OrderBy(o => o.Horizon).ToList();
        // The naive forecast of 2023–2025 is 2022's 1086.
        Assert.Equal([1200.0, 1110, 1002], darlington.Select(o => o.Actual));
        Assert.All(darlington, o => Assert.Equal(1086, o.Forecast.Mean));
        foreach (var method in outcomes.GroupBy(o => o.Method))
        {
            var accuracy = Accuracy.Of(method);
            Assert.Equal(15, accuracy.Forecasts);
            Assert.True(double.IsFinite(accuracy.MedianApe) && accuracy.MedianApe > 0);
            Assert.True(double.IsFinite(accuracy.Mase) && accuracy.Mase > 0);
            Assert.InRange(accuracy.Coverage80, 0, 1);
            Assert.InRange(accuracy.Coverage95, accuracy.Coverage80, 1);
        }
    }

    private static PublishedSeriesSet Read(string file, string column)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "dfe", file));
        return PublishedSeries.Read(reader, column, 2013, 2025);
    }
}
