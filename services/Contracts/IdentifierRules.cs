using System.Text.RegularExpressions;

namespace Workforce.Contracts;

/// <summary>
/// The rules for the opaque ids the suite accepts (authority codes, staff, change and case ids, team names), shared by
/// the services' edge validation and by clients that check a file before sending it.
/// </summary>
public static partial class IdentifierRules
{
    public const int MaxAuthorityLength = 16;
    public const int MaxIdLength = 64;
    public const int MaxChangeIdLength = 128;

    /// <summary>Why the value is not an acceptable id, or null: it must be non-empty, short enough, and free of whitespace and control characters.</summary>
    public static string? Problem(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is required";
        }

        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters";
        }

        return value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "must not contain whitespace or control characters" : null;
    }

    /// <summary>
    /// <see cref="Problem"/> for an id that stands for a person (a case, a member of staff): it must be an opaque
    /// pseudonym, so anything that looks like an e-mail address or a date is refused.
    /// </summary>
    public static string? PseudonymProblem(string? value) =>
        Problem(value, MaxIdLength)
        ?? (value!.Contains('@') || DatePattern().IsMatch(value)
            ? "must be an opaque pseudonym: it looks like personal data (an e-mail address or a date)"
            : null);

    /// <summary>Why a Social Work England registration number is not one (empty means not given), or null.</summary>
    public static string? SweNumberProblem(string value) =>
        value.Length == 0 || SweNumberPattern().IsMatch(value) ? null : "must be two capital letters followed by digits, e.g. SW123456";

    [GeneratedRegex("^[A-Z]{2}[0-9]{1,10}$")]
    private static partial Regex SweNumberPattern();

    [GeneratedRegex(@"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")]
    private static partial Regex DatePattern();
}
