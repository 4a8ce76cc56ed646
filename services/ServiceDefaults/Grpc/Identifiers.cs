using System.Text.RegularExpressions;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Rules for the opaque ids the suite accepts (authority codes, staff, change and case ids, team names).</summary>
public static partial class Identifiers
{
    public const int MaxAuthorityLength = 16;
    public const int MaxIdLength = 64;
    public const int MaxChangeIdLength = 128;

    /// <summary>Requires a non-empty value of at most <paramref name="maxLength"/> characters with no whitespace or control characters.</summary>
    public static void Check(FieldViolations violations, string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            violations.Add(field, "is required");
        }
        else if (value.Length > maxLength)
        {
            violations.Add(field, $"must be at most {maxLength} characters");
        }
        else if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            violations.Add(field, "must not contain whitespace or control characters");
        }
    }

    /// <summary>
    /// <see cref="Check"/> for an id that stands for a person (a case, a member of staff): it must be an opaque
    /// pseudonym, so anything that looks like an e-mail address or a date is refused.
    /// </summary>
    public static void CheckPseudonym(FieldViolations violations, string field, string? value)
    {
        var before = violations.Items.Count;
        Check(violations, field, value, MaxIdLength);
        if (violations.Items.Count == before && (value!.Contains('@') || DatePattern().IsMatch(value)))
        {
            violations.Add(field, "must be an opaque pseudonym: it looks like personal data (an e-mail address or a date)");
        }
    }

    [GeneratedRegex(@"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")]
    private static partial Regex DatePattern();
}
