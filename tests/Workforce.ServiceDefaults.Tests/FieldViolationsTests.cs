using Google.Rpc;
using Grpc.Core;
using Workforce.ServiceDefaults.Grpc;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class FieldViolationsTests
{
    [Fact]
    public void Nothing_is_thrown_without_violations()
    {
        new FieldViolations().ThrowIfAny();
    }

    [Fact]
    public void Violations_travel_as_bad_request_details()
    {
        var violations = new FieldViolations().Add("changes[3].fte", "must be at most 1").Add("authority", "is required");

        var error = Assert.Throws<RpcException>(violations.ThrowIfAny);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(["changes[3].fte", "authority"], details.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public void A_reply_names_at_most_the_first_hundred_violations_and_says_how_many_there_were()
    {
        var violations = new FieldViolations();
        for (var i = 0; i < 20_000; i++)
        {
            violations.Add($"changes[{i}].staff_id", $"'{new string('a', 4097)}' is not an identifier");
        }

        var error = Assert.Throws<RpcException>(violations.ThrowIfAny);

        var status = error.GetRpcStatus()!;
        var listed = status.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal(FieldViolations.MaxReported, listed.Count);
        Assert.Equal("changes[99].staff_id", listed[^1].Field);
        Assert.All(listed, v => Assert.True(v.Description.Length <= FieldViolations.MaxDescriptionLength));
        Assert.StartsWith("20000 fields are invalid; the first 100", status.Message);
        // grpc-status-details-bin is base64 of the status; .NET clients refuse header blocks past 64 KiB.
        Assert.True(status.CalculateSize() * 4 / 3 < 32 * 1024, $"{status.CalculateSize()} bytes of details");
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("two words", "must not contain whitespace or control characters")]
    [InlineData("tab\there", "must not contain whitespace or control characters")]
    [InlineData("12345678901234567", "must be at most 16 characters")]
    public void Identifiers_must_be_short_opaque_tokens(string value, string description)
    {
        var violations = new FieldViolations();
        Identifiers.Check(violations, "authority", value, Identifiers.MaxAuthorityLength);
        Assert.Equal(description, Assert.Single(violations.Items).Description);
    }

    [Theory]
    [InlineData(2024, 2, 29, true)]
    [InlineData(2025, 2, 29, false)]
    [InlineData(0, 1, 1, false)]
    [InlineData(2025, 13, 1, false)]
    public void Dates_must_be_real_calendar_days(int year, int month, int day, bool valid)
    {
        Assert.Equal(valid, Dates.TryToDateOnly(new Google.Type.Date { Year = year, Month = month, Day = day }, out _));
    }
}
