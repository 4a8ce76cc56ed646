namespace Workforce.ServiceDefaults.Grpc;

/// <summary>Rules for the opaque ids the suite accepts (authority codes, staff, change and case ids, team names).</summary>
public static class Identifiers
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
}
