using Workforce.Benchmarks;
using Xunit;

namespace Workforce.Benchmarks.Tests;

/// <summary>
/// Benchmarks from the bundled DfE files, checked against figures worked by hand from the same files (each neighbour's
/// printed value, summed and divided; ranks counted).
/// </summary>
public sealed class PublishedBenchmarksTests
{
    private static readonly PublishedBenchmarks Files = PublishedBenchmarks.Bundled;

    [Fact]
    public void Darlington_agency_rate_2025_beside_the_North_East_England_and_its_ten_neighbours()
    {
        var benchmark = Files.Compare("841", BenchmarkMeasure.AgencyRate);

        Assert.Equal(2025, benchmark.Year);
        Assert.Equal(2025, benchmark.Release.Year);
        Assert.Equal(new DateOnly(2025, 9, 30), benchmark.ReferenceDate);
        Assert.Equal(new PublishedFigure("841", "Darlington", 12.3m, null, null), benchmark.Council);
        Assert.Equal(new PublishedFigure("E12000001", "North East", 8.2m, null, null), benchmark.Region);
        Assert.Equal(13.0m, benchmark.England.Value);

        // Stockton-on-Tees, Wirral, St Helens, North Tyneside, County Durham, Calderdale, Gateshead, Wigan, Sefton, Redcar and Cleveland.
        Assert.Equal(["808", "344", "342", "392", "840", "381", "390", "359", "343", "807"], benchmark.Neighbours.Select(n => n.Neighbour.Code));
        Assert.Equal([8.0m, 12.3m, 19.5m, 8.2m, 8.0m, 5.7m, 10.0m, 15.6m, 24.6m, 14.5m], benchmark.Neighbours.Select(n => n.Figure.Value!.Value));
        Assert.Equal("Extremely Close", benchmark.Neighbours[0].Neighbour.Closeness);
        Assert.All(benchmark.Neighbours, n => Assert.True(n.Counted));

        // Mean 126.4 / 10; median: the middle two of 5.7 8.0 8.0 8.2 10.0 | 12.3 14.5 15.6 19.5 24.6 are 10.0 and 12.3.
        // Five neighbours lower (5.7, 8.0, 8.0, 8.2, 10.0); Wirral's 12.3 ties and shares rank 6.
        AssertNeighbours(benchmark, mean: 12.64m, median: 11.15m, rank: 6, ranked: 11);
        Assert.Equal(1, benchmark.RankOf(5.7m));
        Assert.Equal(11, benchmark.RankOf(30m));
    }

    [Theory]
    [InlineData(BenchmarkMeasure.TurnoverRate, 15.4, 11.7, 11.8, 12.68, 13.75, 9)]
    [InlineData(BenchmarkMeasure.VacancyRate, 4.0, 8.9, 14.2, 13.1, 10.25, 1)]
    [InlineData(BenchmarkMeasure.Caseload, 16.0, 16.5, 15.2, 16.43, 16.25, 6)]
    public void Darlington_2025_every_measure(BenchmarkMeasure measure, double council, double region, double england, double mean, double median, int rank)
    {
        var benchmark = Files.Compare("841", measure, 2025, 2025);

        Assert.Equal((decimal)council, benchmark.Council.Value);
        Assert.Equal((decimal)region, benchmark.Region.Value);
        Assert.Equal((decimal)england, benchmark.England.Value);
        AssertNeighbours(benchmark, (decimal)mean, (decimal)median, rank, ranked: 11);
    }

    [Fact]
    public void A_suppressed_neighbour_is_reported_with_its_symbol_and_left_out_never_read_as_zero()
    {
        // Camden's neighbours Westminster (1st) and Kensington and Chelsea (3rd) print x for 2025.
        var benchmark = Files.Compare("202", BenchmarkMeasure.AgencyRate);

        var westminster = benchmark.Neighbours[0];
        Assert.Equal(new PublishedFigure("213", "Westminster", null, "x", null), westminster.Figure);
        Assert.False(westminster.Counted);
        Assert.Equal("x", benchmark.Neighbours[2].Figure.Symbol);

        // 2.2 + 21.8 + 5.4 + 5.9 + 9.4 + 23.5 + 12.9 + 21.1 = 102.2 over 8; Camden's 9.4 is above 2.2, 5.4 and 5.9 (Greenwich's 9.4 ties).
        AssertNeighbours(benchmark, mean: 102.2m / 8, median: 11.15m, rank: 4, ranked: 9);
        // London boroughs are in Inner or Outer London, as the file places them, not in the London region.
        Assert.Equal(new PublishedFigure("E13000001", "Inner London", 17.3m, null, null), benchmark.Region);
    }

    [Fact]
    public void A_council_that_prints_a_symbol_has_no_value_and_no_rank()
    {
        var benchmark = Files.Compare("213", BenchmarkMeasure.Caseload, year: 2025);

        Assert.Null(benchmark.Council.Value);
        Assert.Equal("x", benchmark.Council.Symbol);
        Assert.Null(benchmark.Rank);
        Assert.NotNull(benchmark.NeighbourMean);
    }

    [Fact]
    public void Two_neighbours_in_one_joint_return_count_once()
    {
        // Bedford's 1st neighbour is West Northamptonshire (941), its 6th North Northamptonshire (940): one return, 940 / 941.
        var benchmark = Files.Compare("822", BenchmarkMeasure.AgencyRate);

        Assert.Equal("940 / 941", benchmark.Neighbours[0].Figure.Code);
        Assert.True(benchmark.Neighbours[0].Counted);
        Assert.Equal("reported jointly as 940 / 941 (North Northamptonshire / West Northamptonshire)", benchmark.Neighbours[0].Figure.Note);
        Assert.False(benchmark.Neighbours[5].Counted);
        Assert.EndsWith("the return of neighbour 1, counted once", benchmark.Neighbours[5].Figure.Note);

        // 19.5 + 13.2 + 34.9 + 17.5 + 0 + 20.7 + 7.4 + 1.3 + 0 = 114.5 over 9 (Warwickshire's and Derby's 0.0 are printed zeros).
        AssertNeighbours(benchmark, mean: 114.5m / 9, median: 13.2m, rank: 9, ranked: 10);
    }

    [Fact]
    public void A_neighbour_abolished_since_2021_has_no_figures_and_says_what_replaced_it()
    {
        // Derbyshire's 5th neighbour is Cumbria (909), which last reported in 2022.
        var benchmark = Files.Compare("830", BenchmarkMeasure.AgencyRate, year: 2025);

        var cumbria = benchmark.Neighbours[4];
        Assert.Equal("909", cumbria.Neighbour.Code);
        Assert.Null(cumbria.Figure.Value);
        Assert.False(cumbria.Counted);
        Assert.Equal("no figures under 909 in reporting year 2025: replaced by Cumberland (942) and Westmorland and Furness (943) from 2023", cumbria.Figure.Note);
        Assert.Equal(99.3m / 9, benchmark.NeighbourMean);
        Assert.Equal(4, benchmark.Rank);

        // In 2022 Cumbria still reported.
        Assert.True(Files.Compare("830", BenchmarkMeasure.AgencyRate, year: 2022).Neighbours[4].Counted);
    }

    [Fact]
    public void A_council_created_after_the_2021_groupings_takes_the_neighbours_of_the_council_it_came_from()
    {
        var benchmark = Files.Compare("942", BenchmarkMeasure.Caseload);

        Assert.Equal(17.8m, benchmark.Council.Value);
        Assert.Equal("North West", benchmark.Region.Name);
        Assert.Equal(["925", "926", "830", "891", "860", "885", "935", "940", "893", "878"], benchmark.Neighbours.Select(n => n.Neighbour.Code));
        Assert.Contains(benchmark.Notes, n => n.Contains("neighbours of Cumbria (909)", StringComparison.Ordinal));
        Assert.Equal(157.8m / 10, benchmark.NeighbourMean);
        Assert.Equal(10, benchmark.Rank);

        var before = Files.Compare("942", BenchmarkMeasure.Caseload, year: 2020);
        Assert.Null(before.Council.Value);
        Assert.Equal("no figures under 942 in reporting year 2020: created in 2023 from Cumbria (909)", before.Council.Note);
        Assert.Equal("North West", before.Region.Name);
    }

    [Fact]
    public void A_council_of_a_joint_return_is_benchmarked_on_the_joint_figure_and_its_partner_is_not_its_own_neighbour()
    {
        var kingston = Files.Compare("314", BenchmarkMeasure.VacancyRate);
        var joint = Files.Compare("314-318", BenchmarkMeasure.VacancyRate);

        Assert.Equal(14.9m, kingston.Council.Value);
        Assert.Equal("314 / 318", kingston.Council.Code);
        Assert.Equal("Outer London", kingston.Region.Name);
        Assert.Equal("318", kingston.Neighbours[3].Neighbour.Code);
        Assert.False(kingston.Neighbours[3].Counted);
        Assert.EndsWith("the council's own return, not counted", kingston.Neighbours[3].Figure.Note);
        AssertNeighbours(kingston, mean: 185.1m / 9, median: 22.6m, rank: 4, ranked: 10);

        Assert.Equal(kingston.NeighbourMean, joint.NeighbourMean);
        Assert.Null(joint.Council.Note);
    }

    [Fact]
    public void Each_release_answers_as_it_was_published()
    {
        // England's 2023 agency rate: 17.8 first published, 17.9 in later releases; Sunderland's 2024 turnover 0.9, later u.
        Assert.Equal(17.8m, Files.Compare("841", BenchmarkMeasure.AgencyRate, release: 2023, year: 2023).England.Value);
        Assert.Equal(17.9m, Files.Compare("841", BenchmarkMeasure.AgencyRate, release: 2025, year: 2023).England.Value);
        Assert.Equal(0.9m, Files.Compare("394", BenchmarkMeasure.TurnoverRate, release: 2024).Council.Value);
        Assert.Equal("u", Files.Compare("394", BenchmarkMeasure.TurnoverRate, year: 2024).Council.Symbol);

        Assert.Equal([2023, 2024, 2025], Files.Releases.Select(r => r.Year));
        Assert.Equal(2024, Files.Compare("841", BenchmarkMeasure.AgencyRate, release: 2024).Year);
        Assert.Equal("Children's social work workforce, 2025 release (reporting years 2017 to 2025)", Files.Latest.Title);
        Assert.StartsWith("Children's social work workforce, reporting year 2024 (at 30 September 2024), 2025 release",
            Files.Compare("841", BenchmarkMeasure.AgencyRate, year: 2024).Description);
    }

    private static void AssertNeighbours(Benchmark benchmark, decimal mean, decimal median, int rank, int ranked)
    {
        Assert.Equal(mean, benchmark.NeighbourMean);
        Assert.Equal(median, benchmark.NeighbourMedian);
        Assert.Equal(rank, benchmark.Rank);
        Assert.Equal(ranked, benchmark.Ranked);
    }

    [Theory]
    [InlineData("999", 0, 0, "authority")]
    [InlineData("team-a", 0, 0, "authority")]
    [InlineData("318-314", 0, 0, "authority")]
    [InlineData("841", 2022, 0, "release")]
    [InlineData("841", 0, 2016, "year")]
    [InlineData("841", 2023, 2024, "year")]
    [InlineData("841", 0, 2026, "year")]
    public void Arguments_the_files_cannot_answer_are_named(string authority, int release, int year, string field)
    {
        var problem = Assert.Single(Files.Check(authority, release, year));
        Assert.Equal(field, problem.Field);
        Assert.Throws<ArgumentException>(() => Files.Compare(authority, BenchmarkMeasure.AgencyRate, release, year));
    }

    [Theory]
    [InlineData("841", 0, 0)]
    [InlineData("909", 2023, 2017)]
    [InlineData("928", 0, 2019)]
    [InlineData("940-941", 0, 2025)]
    public void Councils_of_any_file_and_years_of_the_release_are_accepted(string authority, int release, int year) =>
        Assert.Empty(Files.Check(authority, release, year));
}
