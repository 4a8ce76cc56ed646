using Workforce.Contracts;

namespace Workforce.Api.Domain;

/// <summary>One recorded assignment change of a post, as the HR system sent it.</summary>
public sealed class AssignmentRecord
{
    public long Id { get; set; }

    public required string Authority { get; set; }

    public required string StaffId { get; set; }

    public required string ChangeId { get; set; }

    /// <summary>The post's version after this change: 1 for its first change, then +1 per change.</summary>
    public long Version { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public required string Team { get; set; }

    public int CensusRole { get; set; }

    public ContractType Contract { get; set; }

    /// <summary>FTE in millionths (the census keeps six decimals; SQLite cannot sum decimals).</summary>
    public long FteMillionths { get; set; }

    public bool Registered { get; set; }

    public bool CaseHolding { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>True when <paramref name="other"/> asks for the same change (ignoring when and as which version it was recorded).</summary>
    public bool SameContentAs(AssignmentRecord other) =>
        Authority == other.Authority && StaffId == other.StaffId && ChangeId == other.ChangeId
        && EffectiveFrom == other.EffectiveFrom && Team == other.Team && CensusRole == other.CensusRole
        && Contract == other.Contract && FteMillionths == other.FteMillionths
        && Registered == other.Registered && CaseHolding == other.CaseHolding;
}
