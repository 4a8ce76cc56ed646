using Xunit;

namespace Workforce.Api.Tests.Published;

/// <summary>Reading the DfE indicator file: quoted names, council rows only, symbols as missing values.</summary>
public sealed class PublishedWorkforceIndicatorsTests
{
    [Fact]
    public void A_council_name_holding_a_comma_is_read_whole_from_its_quoted_field()
    {
        var hull = PublishedWorkforceIndicators.Council(2025, "810");

        Assert.Equal("Kingston upon Hull, City of", hull.Name);
        Assert.Equal((328m, 19.7m, 37.5m, 8m), (hull.InPostFte, hull.LeaversFte, hull.AgencyFte, hull.VacancyFte));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_doubled_quotes_and_line_breaks()
    {
        var records = PublishedWorkforceIndicators.Records("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n\n");

        Assert.Equal(
            [["a", "b, c", "say \"hi\""], ["two\nlines", "", "x"]],
            records.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Only_council_rows_are_read_not_england_or_the_regions()
    {
        var councils2025 = PublishedWorkforceIndicators.Councils.Where(c => c.Year == 2025).ToList();

        Assert.Equal(151, councils2025.Count);
        Assert.All(councils2025, c => Assert.Matches("^[0-9]{3}( / [0-9]{3})?$", c.OldLaCode));
    }

    [Fact]
    public void Councils_whose_children_s_services_are_run_jointly_report_under_a_joint_code()
    {
        var trust = PublishedWorkforceIndicators.Council(2025, "314 / 318");

        Assert.Equal("Kingston upon Thames / Richmond upon Thames", trust.Name);
        Assert.True(trust.HasStabilityFigures);
    }

    [Theory]
    [InlineData("z")]
    [InlineData("x")]
    [InlineData("c")]
    [InlineData("low")]
    [InlineData("u")]
    [InlineData("")]
    public void A_symbol_in_place_of_a_figure_is_missing_not_zero(string symbol)
    {
        Assert.Null(PublishedWorkforceIndicators.Number(symbol));
    }

    [Fact]
    public void A_published_zero_stays_zero_beside_a_missing_rate()
    {
        var scilly = PublishedWorkforceIndicators.Council(2025, "420");
        var sunderland = PublishedWorkforceIndicators.Council(2025, "394");

        Assert.Equal((0m, null), (scilly.InPostFte, scilly.TurnoverRateFte));
        Assert.Equal((229.5m, null, null), (sunderland.InPostFte, sunderland.AgencyFte, sunderland.AgencyRateFte));
        Assert.False(sunderland.HasStabilityFigures);
    }

    [Fact]
    public void An_unknown_symbol_is_an_error_rather_than_a_silent_gap()
    {
        Assert.Throws<FormatException>(() => PublishedWorkforceIndicators.Number("n/a"));
    }

    [Fact]
    public void Nearly_every_council_of_a_recent_year_has_every_figure_the_rates_need()
    {
        foreach (var year in new[] { 2024, 2025 })
        {
            var councils = PublishedWorkforceIndicators.Councils.Where(c => c.Year == year).ToList();
            Assert.True(councils.Count(c => c.HasStabilityFigures) >= councils.Count - 5, $"{year}: too many councils lack a figure");
        }
    }
}
