using Google.Rpc;
using Grpc.Core;
using Workforce.Api.Grpc;
using Workforce.V1;
using Xunit;

namespace Workforce.Api.Tests;

public sealed class RecordAssignmentValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_valid_request_becomes_a_record_with_fte_in_millionths()
    {
        var record = RecordAssignmentValidator.ToRecord(Valid(), Now);

        Assert.Equal("841", record.Authority);
        Assert.Equal(new DateOnly(2025, 9, 30), record.EffectiveFrom);
        Assert.Equal(812_346, record.FteMillionths);
        Assert.Equal(Contracts.ContractType.Agency, record.Contract);
        Assert.Equal(Now, record.RecordedAt);
    }

    [Fact]
    public void Every_invalid_field_is_named_in_one_INVALID_ARGUMENT()
    {
        var request = new RecordAssignmentRequest
        {
            Authority = "",
            StaffId = "has space",
            ChangeId = new string('x', 129),
            EffectiveFrom = new Google.Type.Date { Year = 2025, Month = 2, Day = 30 },
            Team = "",
            CensusRole = 7,
            Contract = ContractType.Unspecified,
            Fte = 1.5,
        };

        var error = Assert.Throws<RpcException>(() => RecordAssignmentValidator.ToRecord(request, Now));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field);
        Assert.Equal(["authority", "staff_id", "change_id", "team", "effective_from", "census_role", "contract", "fte"], fields);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.0000006)]
    [InlineData(double.NaN)]
    public void Fte_outside_zero_to_one_is_rejected(double fte)
    {
        var request = Valid();
        request.Fte = fte;

        var error = Assert.Throws<RpcException>(() => RecordAssignmentValidator.ToRecord(request, Now));

        Assert.Equal("fte", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public void A_missing_effective_date_is_required()
    {
        var request = Valid();
        request.EffectiveFrom = null;

        var error = Assert.Throws<RpcException>(() => RecordAssignmentValidator.ToRecord(request, Now));

        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal(("effective_from", "is required"), (violation.Field, violation.Description));
    }

    private static RecordAssignmentRequest Valid() => new()
    {
        Authority = "841",
        StaffId = "post-17",
        ChangeId = "itrent-2025-0001",
        EffectiveFrom = new Google.Type.Date { Year = 2025, Month = 9, Day = 30 },
        Team = "assessment-1",
        CensusRole = 5,
        Contract = ContractType.Agency,
        Fte = 0.8123456,
        Registered = true,
        CaseHolding = true,
    };
}
