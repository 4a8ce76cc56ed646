using Workforce.Cli.Census;
using Workforce.V1;
using Xunit;
using GoogleDate = Google.Type.Date;

namespace Workforce.Cli.Tests;

public sealed class CensusTests
{
    private static GoogleDate D(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static readonly CensusFile Return = new("841", 2025, 4.0, 0.6, 1,
    [
        new CensusRecord(new CensusWorker { WorkerId = "p1", SweNumber = "SW1", Fte = 1, Role = 5, StartDate = D(2020, 1, 1), FteAtReferenceDate = 1, WorkingDaysLost = 5 }, 21),
        new CensusRecord(new CensusWorker { WorkerId = "p3", SweNumber = "SW3", Fte = 1, Role = 5, StartDate = D(2023, 1, 1), EndDate = D(2025, 1, 31), LeavingReason = "moved to agency work" }, null),
        new CensusRecord(new CensusWorker { WorkerId = "p3", Agency = true, SweNumber = "SW3", Fte = 0.6, Role = 5, StartDate = D(2025, 2, 1), FteAtReferenceDate = 0.6 }, 9),
        new CensusRecord(new CensusWorker { WorkerId = "p5", Fte = 0.8, Role = 3, StartDate = D(2024, 12, 1), FteAtReferenceDate = 0.8, AbsenceAtReferenceDate = AbsenceReason.Maternity }, 0),
    ]);

    [Fact]
    public void A_return_written_and_read_back_is_the_same_return()
    {
        var xml = CensusXml.Write(Return).ToString();

        var read = CensusXml.Read(new StringReader(xml));

        Assert.Equal((Return.Authority, Return.Year, Return.VacancyFte, Return.AgencyFte, Return.AgencyHeadcount), (read.Authority, read.Year, read.VacancyFte, read.AgencyFte, read.AgencyHeadcount));
        Assert.Equal(Return.Records, read.Records);
    }

    [Fact]
    public void Personal_characteristics_in_a_return_are_skipped_and_a_DTD_is_refused()
    {
        var xml = CensusXml.Write(Return).ToString().Replace("<WorkerID>p1</WorkerID>", "<WorkerID>p1</WorkerID><PersonBirthDate>1980-02-03</PersonBirthDate><GenderCurrent>1</GenderCurrent>");

        var read = CensusXml.Read(new StringReader(xml));

        Assert.Equal(Return.Records, read.Records);
        Assert.DoesNotContain("1980-02-03", CensusXml.Write(read).ToString());
        var dtd = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY x \"y\">]><Message/>";
        Assert.StartsWith("not a readable XML return", Assert.Throws<CensusFileException>(() => CensusXml.Read(new StringReader(dtd))).Message);
    }

    [Fact]
    public void A_bad_element_is_named_with_its_line()
    {
        var xml = CensusXml.Write(Return).ToString().Replace("<Role>3</Role>", "<Role>9</Role>");

        var problem = Assert.Throws<CensusFileException>(() => CensusXml.Read(new StringReader(xml)));

        Assert.Matches(@"^line \d+: <Role> must be a whole number from 1 to 6$", problem.Message);
    }

    [Fact]
    public void Each_record_becomes_the_changes_that_reproduce_it_and_the_establishment_adds_the_vacancies_to_employed_FTE()
    {
        var changes = CensusChanges.From(Return);

        Assert.Equal(
            [
                ("census-841-2025-p1-0-assignment", "p1", "SW1", D(2020, 1, 1), StaffChange.ChangeOneofCase.Assignment),
                ("census-841-2025-p1-0-sickness", "p1", "SW1", D(2024, 10, 1), StaffChange.ChangeOneofCase.Absence),
                ("census-841-2025-p3-0-assignment", "p3", "SW3", D(2023, 1, 1), StaffChange.ChangeOneofCase.Assignment),
                ("census-841-2025-p3-0-leaver", "p3", "SW3", D(2025, 1, 31), StaffChange.ChangeOneofCase.Leaver),
                ("census-841-2025-p3-1-assignment", "p3", "SW3", D(2025, 2, 1), StaffChange.ChangeOneofCase.Assignment),
                ("census-841-2025-p5-0-assignment", "p5", "", D(2024, 12, 1), StaffChange.ChangeOneofCase.Assignment),
                ("census-841-2025-p5-0-absent", "p5", "", D(2025, 9, 30), StaffChange.ChangeOneofCase.Absence),
                ("census-841-2025-establishment", "", "", D(2024, 10, 1), StaffChange.ChangeOneofCase.Establishment),
            ],
            changes.Select(c => (c.ChangeId, c.StaffId, c.PersonId, c.EffectiveDate, c.ChangeCase)));
        Assert.Equal((5.0, AbsenceReason.Sickness), (changes[1].Absence.WorkingDaysLost, changes[1].Absence.Reason));
        Assert.Equal((ContractType.Agency, 0.6, true), (changes[4].Assignment.Contract, changes[4].Assignment.Fte, changes[4].Assignment.CaseHolding));
        Assert.False(changes[5].Assignment.CaseHolding);
        Assert.Equal(AbsenceReason.Maternity, changes[6].Absence.Reason);
        // Employed in post on 30 September: p1 (1.0) and p5 (0.8); plus 4.0 vacant.
        Assert.Equal((CensusChanges.Team, 5.8), (changes[7].Establishment.Team, changes[7].Establishment.FundedFte));
    }
}
