using Workforce.Cli.Hr;
using Workforce.V1;
using Xunit;

namespace Workforce.Cli.Tests;

public sealed class HrRowsTests
{
    private const string Header = "change,post_id,person_id,effective_date,role,team,fte,contract,cover_reason,case_holding,registered,absence_last_day,absence_reason,working_days_lost,leaving_reason";

    [Fact]
    public void The_example_export_maps_through_its_mapping_file_to_the_changes_it_describes()
    {
        var mapping = HrMapping.Load(Path.Combine(AppContext.BaseDirectory, "examples", "itrent-mapping.json"));
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "examples", "itrent-export.csv"));

        var file = HrRows.Read(reader, "841", mapping);

        Assert.Empty(file.Errors);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], file.Rows.Select(r => r.Line));
        var agency = file.Rows[1].Change;
        Assert.Equal(("P-1002", "E-502", 5, ContractType.Agency, CoverReason.Vacancy, 0.8, true), (agency.StaffId, agency.PersonId, agency.Assignment.CensusRole, agency.Assignment.Contract, agency.Assignment.CoverReason, agency.Assignment.Fte, agency.Assignment.CaseHolding));
        Assert.Equal(new Google.Type.Date { Year = 2025, Month = 6, Day = 2 }, file.Rows[3].Change.Assignment.AsyeStart);
        Assert.Equal(4, file.Rows[4].Change.Assignment.CensusRole);
        var absence = file.Rows[5].Change.Absence;
        Assert.Equal((AbsenceReason.Sickness, 5.0, 18), (absence.Reason, absence.WorkingDaysLost, absence.LastDay.Day));
        Assert.Equal("end of contract", file.Rows[6].Change.Leaver.Reason);
    }

    [Fact]
    public void Every_bad_row_is_reported_by_line_and_column_and_only_good_rows_are_kept()
    {
        var csv = string.Join('\n',
            Header,
            "starter,sw-1,,2025-04-01,5,team-a,1,employed,,Y,Y,,,,",
            "starter,sw-2,,2025-04-01,5,team-a,1.5,employed,,Y,Y,,,,",
            "starter,jo.bloggs@example.org,,2025-04-01,5,team-a,1,employed,,Y,Y,,,,",
            "starter,sw-4,,2025-02-30,9,team-a,1,permanent,,maybe,Y,,,,",
            "absence,sw-1,,2025-05-10,,,,,,,,2025-05-01,FLU,,",
            "leaver,sw-1,,2025-08-31,,,,,,,,,,,moved away",
            "starter,sw-5,,2025-04-01,5,team-a,1,employed,vacancy,Y,Y,,,,",
            "starter,sw-6,,2025-04-01");

        var file = HrRows.Read(new StringReader(csv), "841", new HrMapping());

        Assert.Equal([2, 7], file.Rows.Select(r => r.Line));
        Assert.Equal(
            [
                (3, "fte"),
                (4, "post_id"),
                (5, "effective_date"), (5, "contract"), (5, "role"), (5, "case_holding"),
                (6, "absence_reason"), (6, "absence_last_day"),
                (8, "cover_reason"),
                (9, ""),
            ],
            file.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("looks like personal data", file.Errors[1].Message);
        Assert.Equal("line 9: has 4 fields; the header has 15", file.Errors[^1].ToString());
    }

    [Fact]
    public void A_derived_change_id_depends_on_the_row_and_council_not_on_its_line()
    {
        const string row = "starter,sw-1,,2025-04-01,5,team-a,1,employed,,Y,Y,,,,";
        var first = HrRows.Read(new StringReader($"{Header}\n{row}"), "841", new HrMapping()).Rows.Single().Change.ChangeId;
        var moved = HrRows.Read(new StringReader($"{Header}\n\n\n{row}"), "841", new HrMapping()).Rows.Single().Change.ChangeId;
        var otherCouncil = HrRows.Read(new StringReader($"{Header}\n{row}"), "840", new HrMapping()).Rows.Single().Change.ChangeId;
        var otherFte = HrRows.Read(new StringReader($"{Header}\n{row.Replace(",1,employed", ",0.5,employed")}"), "841", new HrMapping()).Rows.Single().Change.ChangeId;

        Assert.Equal(first, moved);
        Assert.NotEqual(first, otherCouncil);
        Assert.NotEqual(first, otherFte);
        Assert.StartsWith("hr-", first);
    }

    [Fact]
    public void A_header_without_a_required_column_is_refused_naming_the_mapped_header()
    {
        var mapping = new HrMapping { Columns = { ["post_id"] = "Position" } };

        var refusal = Assert.Throws<HrFileException>(() => HrRows.Read(new StringReader("change,effective_date\nstarter,2025-01-01"), "841", mapping));

        Assert.Equal("line 1: the header has no column 'Position'", refusal.Message);
    }

    [Fact]
    public void A_mapping_file_naming_an_unknown_field_or_role_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "columns": { "salary": "Pay" }, "jobCodes": { "SW": 7 } }""");
            Assert.Contains("unknown field(s) salary", Assert.Throws<HrFileException>(() => HrMapping.Load(path)).Message);
            File.WriteAllText(path, """{ "jobCodes": { "SW": 7 } }""");
            Assert.Contains("SW → 7", Assert.Throws<HrFileException>(() => HrMapping.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
