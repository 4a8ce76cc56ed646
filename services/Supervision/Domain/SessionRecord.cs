using System.Text.Json;
using Workforce.ServiceDefaults.Caching;
using Workforce.ServiceDefaults.Data;

namespace Supervision.Api.Domain;

public enum SessionKind
{
    Individual = 1,
    Group = 2,
    CaseDiscussion = 3,
}

/// <summary>An action agreed in supervision: who, by when, and optionally which (opaque) case. No free text.</summary>
public sealed record SessionAction(string? OwnerStaffId, DateOnly? DueDate, string? CaseId)
{
    public bool IsComplete => !string.IsNullOrEmpty(OwnerStaffId) && DueDate is not null;
}

/// <summary>
/// One row of the append-only session log. The session id is the idempotency key; a higher source version or a
/// retraction (a row whose <see cref="RetractsSessionId"/> is set) is a new row, never an update.
/// </summary>
public sealed class SessionRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ParsedJson<List<SessionAction>>? _actions;

    public long Sequence { get; set; }

    public required string Authority { get; set; }

    public required string SessionId { get; set; }

    public long SourceVersion { get; set; }

    public string? SuperviseeStaffId { get; set; }

    public string? SupervisorStaffId { get; set; }

    public DateOnly Date { get; set; }

    public int Minutes { get; set; }

    public SessionKind Kind { get; set; }

    public string ActionsJson { get; set; } = "[]";

    public string? RetractsSessionId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary><see cref="ActionsJson"/>, parsed once per value: regularity answers look at every held session's actions.</summary>
    public IReadOnlyList<SessionAction> Actions
    {
        get => ParsedJson<List<SessionAction>>.Of(ref _actions, ActionsJson, Json, []);
        init => ActionsJson = JsonSerializer.Serialize(value, Json);
    }

    /// <summary>Makes equal strings of cached sessions one instance each (ids repeat on every session of a supervisee).</summary>
    public static void ShareStrings(IEnumerable<SessionRecord> sessions)
    {
        var strings = new SharedStrings();
        foreach (var session in sessions)
        {
            session.Authority = strings.Share(session.Authority);
            session.SuperviseeStaffId = strings.Share(session.SuperviseeStaffId);
            session.SupervisorStaffId = strings.Share(session.SupervisorStaffId);
            session.ActionsJson = strings.Share(session.ActionsJson);
        }
    }

    public bool SameContentAs(SessionRecord other) =>
        Authority == other.Authority && SessionId == other.SessionId && SourceVersion == other.SourceVersion
        && SuperviseeStaffId == other.SuperviseeStaffId && SupervisorStaffId == other.SupervisorStaffId && Date == other.Date
        && Minutes == other.Minutes && Kind == other.Kind && ActionsJson == other.ActionsJson && RetractsSessionId == other.RetractsSessionId;

    /// <summary>The sessions in force as known at <paramref name="knownAt"/>: the highest source version of each id, less retracted ones.</summary>
    public static IReadOnlyList<SessionRecord> Effective(IEnumerable<SessionRecord> log, DateTimeOffset? knownAt = null)
    {
        var latest = log.Where(r => knownAt is null || r.RecordedAt <= knownAt)
            .GroupBy(r => r.SessionId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(r => (r.SourceVersion, r.Sequence))!)
            .ToList();
        var retracted = latest.Select(r => r.RetractsSessionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return latest.Where(r => r.RetractsSessionId is null && !retracted.Contains(r.SessionId)).ToList();
    }
}
