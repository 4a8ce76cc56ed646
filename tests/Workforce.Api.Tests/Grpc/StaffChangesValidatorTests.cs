using Google.Rpc;
using Grpc.Core;
using ChangeKind = Workforce.Api.Domain.ChangeKind;
using Workforce.Api.Grpc;
using Workforce.V1;
using Xunit;

namespace Workforce.Api.Tests.Grpc;

public sealed class StaffChangesValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_valid_batch_becomes_change_log_rows_with_exact_fte_and_the_recording_time()
    {
        var changes = StaffChangesValidator.ToChanges(Batch(Assignment("p1", 0.8123456), Leaver("p1")), Now);

        Assert.Equal([ChangeKind.Assignment, ChangeKind.Leaver], changes.Select(c => c.Kind));
        Assert.Equal(812_346, changes[0].FteMillionths);
        Assert.Equal(Contracts.ContractType.Agency, changes[0].Contract);
        Assert.Equal(Api.Domain.CoverReason.Vacancy, changes[0].CoverReason);
        Assert.All(changes, c => Assert.Equal((Now, "841"), (c.RecordedAt, c.Authority)));
    }

    [Fact]
    public void Every_violation_names_the_item_index_and_field()
    {
        var badAssignment = Assignment("has space", 1.5);
        badAssignment.Assignment.CensusRole = 9;
        badAssignment.Assignment.SweNumber = "123";
        var badAbsence = new StaffChange
        {
            ChangeId = "a1",
            StaffId = "p2",
            EffectiveDate = Day(2025, 3, 10),
            Absence = new Absence { LastDay = Day(2025, 3, 1), Reason = AbsenceReason.Unspecified, WorkingDaysLost = -1 },
        };
        var noKind = new StaffChange { ChangeId = "x", StaffId = "p3", EffectiveDate = new Google.Type.Date { Year = 2025, Month = 2, Day = 30 } };

        var fields = Violations(Batch(Assignment("fine", 1.0), badAssignment, badAbsence, noKind));

        Assert.Equal(
        [
            "changes[1].staff_id", "changes[1].assignment.census_role", "changes[1].assignment.swe_number", "changes[1].assignment.fte",
            "changes[2].absence.last_day", "changes[2].absence.reason", "changes[2].absence.working_days_lost",
            "changes[3].effective_date", "changes[3]",
        ], fields);
    }

    [Fact]
    public void A_batch_over_the_limit_is_rejected_before_its_items_are_read()
    {
        var oversized = Batch(Enumerable.Range(0, StaffChangesValidator.MaxBatchSize + 1).Select(i => Assignment($"p{i}", 1.0)).ToArray());

        Assert.Equal(["changes"], Violations(oversized));
    }

    [Fact]
    public void An_empty_batch_or_a_missing_authority_is_rejected()
    {
        Assert.Equal(["authority", "changes"], Violations(new RecordStaffChangesRequest()));
    }

    [Fact]
    public void Establishment_concerns_a_team_and_a_correction_a_change_id_not_a_post()
    {
        var establishment = new StaffChange { ChangeId = "e1", StaffId = "p1", EffectiveDate = Day(2025, 4, 1), Establishment = new Establishment { Team = "", FundedFte = -1 } };
        var correction = new StaffChange { ChangeId = "c1", EffectiveDate = Day(2025, 4, 1), Correction = new Correction { RetractsChangeId = "c1" } };

        Assert.Equal(
            ["changes[0].establishment.team", "changes[0].establishment.funded_fte", "changes[0].staff_id", "changes[1].correction.retracts_change_id"],
            Violations(Batch(establishment, correction)));
    }

    [Fact]
    public void A_cover_reason_belongs_to_agency_work_only()
    {
        var employed = Assignment("p1", 1.0);
        employed.Assignment.Contract = ContractType.Employed;

        Assert.Equal(["changes[0].assignment.cover_reason"], Violations(Batch(employed)));
    }

    private static List<string> Violations(RecordStaffChangesRequest request)
    {
        var error = Assert.Throws<RpcException>(() => StaffChangesValidator.ToChanges(request, Now));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
    }

    private static RecordStaffChangesRequest Batch(params StaffChange[] changes)
    {
        var request = new RecordStaffChangesRequest { Authority = "841" };
        request.Changes.AddRange(changes);
        return request;
    }

    private static StaffChange Assignment(string staffId, double fte) => new()
    {
        ChangeId = "chg-" + staffId.Replace(' ', '-'),
        StaffId = staffId,
        EffectiveDate = Day(2025, 4, 1),
        Assignment = new Assignment
        {
            Team = "north",
            CensusRole = 5,
            Registered = true,
            Contract = ContractType.Agency,
            CoverReason = V1.CoverReason.Vacancy,
            Fte = fte,
        },
    };

    private static StaffChange Leaver(string staffId) => new()
    {
        ChangeId = "leaver-" + staffId,
        StaffId = staffId,
        EffectiveDate = Day(2025, 9, 30),
        Leaver = new Leaver { Reason = "resigned" },
    };

    private static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}
