using Workforce.Api.Domain;
using Xunit;
using Xunit.Abstractions;

namespace Workforce.Api.Tests.Published;

/// <summary>
/// Councils' published DfE figures (domain.md §2 and the whole indicator file) rebuilt from synthetic per-worker
/// changes: the service must give back the published FTEs exactly and the published rates within rounding.
/// </summary>
public sealed class PublishedFiguresTests(ITestOutputHelper output)
{
    /// <summary>Published rates and their parts are each rounded to 0.1, so a recomputed rate agrees within this (domain.md §1).</summary>
    private const decimal RateTolerance = 0.1m;

    private static readonly int[] CheckedYears = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

    [Theory]
    [InlineData(2025, "841", "Darlington", 95.6, 14.7, 13.5, 4.0, 12.3, 15.4, 4.0)]
    [InlineData(2025, "840", "County Durham", 403.7, 31.0, 35.2, 44.0, 8.0, 7.7, 9.8)]
    [InlineData(2022, "841", "Darlington", 88.2, 16.5, 12.5, 5.6, 12.4, 18.8, 6.0)]
    [InlineData(2018, "840", "County Durham", 253.4, 33.3, 36.0, 42.0, 12.4, 13.1, 14.2)]
    public void A_council_test_vector_of_the_domain_notes_is_read_from_the_file_and_reproduced(
        int year, string code, string name, double inPost, double leavers, double agency, double vacancy, double agencyRate, double turnoverRate, double vacancyRate)
    {
        var council = PublishedWorkforceIndicators.Council(year, code);

        Assert.Equal(
            new CouncilIndicators(year, code, name, (decimal)inPost, (decimal)leavers, (decimal)agency, (decimal)vacancy, (decimal)agencyRate, (decimal)turnoverRate, (decimal)vacancyRate),
            council);
        var discrepancies = Discrepancies(council);
        Assert.True(discrepancies.Count == 0, $"{council}: {string.Join("; ", discrepancies)}");
    }

    /// <summary>Council rows of the checked years with every figure published and the DfE's rates consistent with its own parts.</summary>
    public static TheoryData<int, string, string> ConsistentCouncils()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var council in CompleteRows().Where(c => SelfInconsistencies(c).Count == 0))
        {
            data.Add(council.Year, council.OldLaCode, council.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConsistentCouncils))]
    public void Every_council_with_a_full_set_of_published_figures_has_them_reproduced(int year, string code, string name)
    {
        var discrepancies = Discrepancies(PublishedWorkforceIndicators.Council(year, code));

        Assert.True(discrepancies.Count == 0, $"{name} ({code}) {year}: {string.Join("; ", discrepancies)}");
    }

    [Fact]
    public void Few_councils_are_left_out_for_rates_that_disagree_with_their_own_published_parts_and_they_are_named()
    {
        var complete = CompleteRows();
        var inconsistent = complete.Select(c => (Council: c, Why: SelfInconsistencies(c))).Where(c => c.Why.Count > 0).ToList();
        var incomplete = PublishedWorkforceIndicators.Councils.Where(c => CheckedYears.Contains(c.Year) && !c.HasStabilityFigures).ToList();

        output.WriteLine($"Years {string.Join(", ", CheckedYears)}: {complete.Count - inconsistent.Count} council rows checked, "
            + $"{inconsistent.Count} left out as inconsistent, {incomplete.Count} not checked for a missing figure.");
        inconsistent.ForEach(c => output.WriteLine($"inconsistent: {c.Council}: {string.Join("; ", c.Why)}"));
        incomplete.ForEach(c => output.WriteLine($"incomplete: {c}"));

        Assert.True(
            inconsistent.Count * 20 < complete.Count,
            $"{inconsistent.Count} of {complete.Count} rows are inconsistent: {string.Join(", ", inconsistent.Select(c => c.Council))}");
    }

    private static List<CouncilIndicators> CompleteRows() =>
        [.. PublishedWorkforceIndicators.Councils.Where(c => CheckedYears.Contains(c.Year) && c.HasStabilityFigures)];

    /// <summary>Where the service's figures for a synthetic copy of the council differ from the published ones.</summary>
    private static List<string> Discrepancies(CouncilIndicators council)
    {
        var targets = CouncilTargets.From(council);
        // A stable seed per row (string.GetHashCode is randomised per process); codes may be joint, "314 / 318".
        var seed = council.OldLaCode.Aggregate(council.Year, (hash, ch) => unchecked((hash * 31) + ch));
        var register = Register.Build(SyntheticCouncil.Generate(council.OldLaCode, targets, seed));
        var figures = WorkforceFigures.StabilityForYearTo(register, targets.AsOf, Scope.Council);

        var found = new List<string>();
        void Exactly(string what, decimal? computed, decimal published)
        {
            if (computed != published)
            {
                found.Add($"{what} {computed} is not the published {published}");
            }
        }

        Exactly("in-post FTE", figures.EmployedFte, targets.InPostFte);
        Exactly("leavers FTE", figures.LeaversFte, targets.LeaversFte);
        Exactly("agency FTE", figures.Agency.AgencyFte, targets.AgencyFte);
        Exactly("vacancy FTE", figures.VacancyFte, targets.VacancyFte);
        found.AddRange(RateMismatch("agency rate", figures.Agency.RateByFtePercent, council.AgencyRateFte!.Value));
        found.AddRange(RateMismatch("turnover rate", figures.TurnoverRatePercent, council.TurnoverRateFte!.Value));
        found.AddRange(RateMismatch("vacancy rate", figures.VacancyRatePercent, council.VacancyRateFte!.Value));
        return found;
    }

    /// <summary>The DfE's rates recomputed from its own rounded parts, where they miss its published rates by more than 0.1.</summary>
    private static List<string> SelfInconsistencies(CouncilIndicators c)
    {
        var (employed, leavers, agency, vacancy) = (c.InPostFte!.Value, c.LeaversFte!.Value, c.AgencyFte!.Value, c.VacancyFte!.Value);
        return
        [
            .. RateMismatch("agency rate from parts", Percent(agency, agency + employed), c.AgencyRateFte!.Value),
            .. RateMismatch("turnover rate from parts", Percent(leavers, employed), c.TurnoverRateFte!.Value),
            .. RateMismatch("vacancy rate from parts", Percent(vacancy, vacancy + employed), c.VacancyRateFte!.Value),
        ];
    }

    private static IEnumerable<string> RateMismatch(string what, decimal? computed, decimal published)
    {
        if (computed is not { } rate || Math.Abs(rate - published) > RateTolerance)
        {
            yield return $"{what} {computed:0.000} is not within ±{RateTolerance} of the published {published}";
        }
    }

    private static decimal? Percent(decimal part, decimal whole) => whole == 0 ? null : 100m * part / whole;
}
