using Workforce.Api.Domain;
using Workforce.Contracts;
using Xunit;

namespace Workforce.Api.Tests.Domain;

/// <summary>The census return for the year to 30 September 2025 from a hand-built register, record by record.</summary>
public sealed class CensusReturnsTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Each_registered_post_in_post_on_30_September_and_each_spell_that_ended_in_the_year_is_one_record()
    {
        var register = new ChangeLogBuilder()
            .Establish("team-a", D(2024, 1, 1), 6.0)
            .Assign("p1", D(2020, 1, 1), swe: "SW1")
            .Absent("p1", D(2025, 3, 3), D(2025, 3, 7), AbsenceReason.Sickness, 5)
            .Assign("p2", D(2022, 5, 1), fte: 0.8, swe: "SW2")
            .Leave("p2", D(2025, 6, 30), reason: "retired")
            .Assign("p3", D(2023, 1, 1), swe: "SW3")
            .Assign("p3", D(2025, 2, 1), fte: 0.6, contract: ContractType.Agency, swe: "SW3")
            .Assign("p4", D(2024, 11, 1), contract: ContractType.Agency, swe: "SW4")
            .Leave("p4", D(2025, 4, 30))
            .Assign("p5", D(2024, 12, 1))
            .Absent("p5", D(2025, 9, 1), null, AbsenceReason.Maternity, 0)
            .Assign("p6", D(2024, 1, 1), registered: false, swe: "SW6")
            .Assign("p7", D(2020, 1, 1), swe: "SW7")
            .Leave("p7", D(2023, 3, 31), reason: "retired")
            .Assign("p8", D(2021, 1, 1), team: "team-b", swe: "SW8")
            .Leave("p8", D(2025, 9, 30), reason: "relocation")
            .Assign("p9", D(2024, 2, 1), swe: "SW9")
            .Leave("p9", D(2025, 8, 15))
            .Register();

        var census = CensusReturns.Build(register, 2025);

        Assert.Equal((D(2024, 10, 1), D(2025, 9, 30)), (census.YearFrom, census.ReferenceDate));
        Assert.Equal(
            [
                new CensusWorker("p1", false, "SW1", 1.0m, 5, D(2020, 1, 1), null, null, 1.0m, 5m, null),
                new CensusWorker("p2", false, "SW2", 0.8m, 5, D(2022, 5, 1), D(2025, 6, 30), "retired", null, 0m, null),
                new CensusWorker("p3", false, "SW3", 1.0m, 5, D(2023, 1, 1), D(2025, 1, 31), CensusReturns.MovedToAgencyWork, null, 0m, null),
                new CensusWorker("p3", true, "SW3", 0.6m, 5, D(2025, 2, 1), null, null, 0.6m, 0m, null),
                new CensusWorker("p4", true, "SW4", 1.0m, 5, D(2024, 11, 1), D(2025, 4, 30), null, null, 0m, null),
                new CensusWorker("p5", false, null, 1.0m, 5, D(2024, 12, 1), null, null, 1.0m, 0m, AbsenceReason.Maternity),
                new CensusWorker("p8", false, "SW8", 1.0m, 5, D(2021, 1, 1), null, null, 1.0m, 0m, null),
                new CensusWorker("p9", false, "SW9", 1.0m, 5, D(2024, 2, 1), D(2025, 8, 15), null, null, 0m, null),
            ],
            census.Workers);
        // Council block: team-a funds 6.0 and has p1 and p5 employed (2.0); team-b is not established.
        Assert.Equal((4.0m, 0.6m, 1), (census.VacancyFte, census.AgencyFte, census.AgencyHeadcount));
        Assert.Equal(
            [("p5", "swe_number"), ("p9", "leaving_reason"), (null, "vacancy_fte")],
            census.Problems.Select(p => (p.WorkerId, p.Field)));
        Assert.Contains("team 'team-b'", census.Problems[^1].Message);
    }
}
