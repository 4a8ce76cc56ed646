using Workforce.Contracts;

namespace Workforce.ServiceDefaults.Grpc;

/// <summary>The suite's id rules (<see cref="IdentifierRules"/>) as field violations.</summary>
public static class Identifiers
{
    public const int MaxAuthorityLength = IdentifierRules.MaxAuthorityLength;
    public const int MaxIdLength = IdentifierRules.MaxIdLength;
    public const int MaxChangeIdLength = IdentifierRules.MaxChangeIdLength;

    /// <summary>Requires a non-empty value of at most <paramref name="maxLength"/> characters with no whitespace or control characters.</summary>
    public static void Check(FieldViolations violations, string field, string? value, int maxLength) =>
        Add(violations, field, IdentifierRules.Problem(value, maxLength));

    /// <summary><see cref="Check"/> for an id that stands for a person: it must not look like an e-mail address or a date.</summary>
    public static void CheckPseudonym(FieldViolations violations, string field, string? value) =>
        Add(violations, field, IdentifierRules.PseudonymProblem(value));

    private static void Add(FieldViolations violations, string field, string? problem)
    {
        if (problem is not null)
        {
            violations.Add(field, problem);
        }
    }
}
