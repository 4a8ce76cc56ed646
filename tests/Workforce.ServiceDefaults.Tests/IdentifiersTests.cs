using Workforce.ServiceDefaults.Grpc;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("jo.bloggs@example.org")]
    [InlineData("child-2014-03-07")]
    [InlineData("born-7/3/14")]
    [InlineData("Jo Bloggs")]
    [InlineData("")]
    public void A_pseudonym_that_looks_like_personal_data_or_is_not_an_id_is_refused(string value)
    {
        var violations = new FieldViolations();

        Identifiers.CheckPseudonym(violations, "changes[0].staff_id", value);

        Assert.Equal("changes[0].staff_id", Assert.Single(violations.Items).Field);
    }

    [Theory]
    [InlineData("sw-841-0001")]
    [InlineData("case-7f3a9c")]
    [InlineData("post-2025")]
    public void Opaque_pseudonyms_pass(string value)
    {
        var violations = new FieldViolations();

        Identifiers.CheckPseudonym(violations, "staff_id", value);

        Assert.False(violations.Any);
    }
}
