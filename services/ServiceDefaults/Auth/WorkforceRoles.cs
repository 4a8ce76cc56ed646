namespace Workforce.ServiceDefaults.Auth;

/// <summary>The roles a caller's token may carry; each is also the name of an authorization policy.</summary>
public static class WorkforceRoles
{
    public const string HrWriter = "hr-writer";
    public const string CaseWriter = "case-writer";
    public const string SupervisionWriter = "supervision-writer";
    public const string Analyst = "analyst";
    public const string Operations = "operations";

    public static readonly IReadOnlyList<string> All = [HrWriter, CaseWriter, SupervisionWriter, Analyst, Operations];
}

/// <summary>Claim types of the tokens the suite accepts.</summary>
public static class WorkforceClaims
{
    public const string Role = "role";

    /// <summary>DfE LA codes of the councils whose data the caller may see; one claim per code.</summary>
    public const string Authority = "authority";

    /// <summary>Team ids a team-scoped caller (e.g. a team manager) is limited to for worker- and case-level lists; none means the whole authority.</summary>
    public const string Team = "team";
}
