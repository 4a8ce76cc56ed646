using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workforce.Cli.Hr;

/// <summary>
/// How an HR system's export maps onto the suite: which of its columns holds each of our fields, which of its action
/// codes is which kind of change, which of its job codes is which DfE census role, and its contract codes and date
/// formats. Every part is optional; without a mapping file the file uses our column names and codes.
/// </summary>
public sealed class HrMapping
{
    /// <summary>Our field name (see <see cref="HrFields"/>) → the column header in the HR file.</summary>
    public Dictionary<string, string> Columns { get; init; } = [];

    /// <summary>HR action code → starter, change, leaver, reinstatement or absence.</summary>
    public Dictionary<string, string> Changes { get; init; } = [];

    /// <summary>HR job code → DfE census role (1–6). Without it the role column holds the census role itself.</summary>
    public Dictionary<string, int> JobCodes { get; init; } = [];

    /// <summary>HR contract code → employed or agency.</summary>
    public Dictionary<string, string> Contracts { get; init; } = [];

    /// <summary>Accepted date formats, tried in order (.NET custom formats); ISO yyyy-MM-dd is always accepted.</summary>
    public List<string> DateFormats { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static HrMapping Load(string path)
    {
        HrMapping mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<HrMapping>(File.ReadAllText(path), Json) ?? new HrMapping();
        }
        catch (JsonException e)
        {
            throw new HrFileException($"mapping file {Path.GetFileName(path)}: {e.Message}");
        }

        var unknown = mapping.Columns.Keys.Where(k => !HrFields.All.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new HrFileException($"mapping file {Path.GetFileName(path)}: unknown field(s) {string.Join(", ", unknown)}; ours are {string.Join(", ", HrFields.All)}");
        }

        var kinds = mapping.Changes.Where(c => !HrFields.ChangeKinds.Contains(c.Value)).Select(c => $"{c.Key} → {c.Value}").ToList();
        var roles = mapping.JobCodes.Where(j => j.Value is < 1 or > 6).Select(j => $"{j.Key} → {j.Value}").ToList();
        var contracts = mapping.Contracts.Where(c => c.Value is not ("employed" or "agency")).Select(c => $"{c.Key} → {c.Value}").ToList();
        if (kinds.Count + roles.Count + contracts.Count > 0)
        {
            throw new HrFileException($"mapping file {Path.GetFileName(path)}: changes map to {string.Join("/", HrFields.ChangeKinds)}, " +
                $"job codes to census roles 1–6 and contracts to employed/agency; not {string.Join(", ", kinds.Concat(roles).Concat(contracts))}");
        }

        return mapping;
    }

    public string Header(string field) => Columns.GetValueOrDefault(field, field);
}

/// <summary>Our column names for an HR file (the README's layout).</summary>
public static class HrFields
{
    public const string Change = "change";
    public const string PostId = "post_id";
    public const string PersonId = "person_id";
    public const string EffectiveDate = "effective_date";
    public const string Role = "role";
    public const string Team = "team";
    public const string Fte = "fte";
    public const string Contract = "contract";
    public const string CoverReason = "cover_reason";
    public const string CaseHolding = "case_holding";
    public const string Registered = "registered";
    public const string SweNumber = "swe_number";
    public const string LineManager = "line_manager_post_id";
    public const string AsyeStart = "asye_start";
    public const string LeavingReason = "leaving_reason";
    public const string AbsenceLastDay = "absence_last_day";
    public const string AbsenceReason = "absence_reason";
    public const string WorkingDaysLost = "working_days_lost";
    public const string ChangeId = "change_id";
    public const string SourceVersion = "source_version";

    public static readonly string[] All =
    [
        Change, PostId, PersonId, EffectiveDate, Role, Team, Fte, Contract, CoverReason, CaseHolding, Registered, SweNumber,
        LineManager, AsyeStart, LeavingReason, AbsenceLastDay, AbsenceReason, WorkingDaysLost, ChangeId, SourceVersion,
    ];

    public static readonly string[] Required = [Change, PostId, EffectiveDate];

    public static readonly string[] ChangeKinds = ["starter", "change", "leaver", "reinstatement", "absence"];
}

/// <summary>A problem with a whole file (its mapping or header): nothing can be read, so nothing is sent.</summary>
public sealed class HrFileException(string message) : Exception(message);
