namespace Workforce.ServiceDefaults.Offboarding;

/// <summary>
/// The tombstone of an offboarded council: while it stands, writes for the council are refused and its events dropped,
/// so nothing in flight brings its data back. It holds the authority code alone, which is public.
/// </summary>
[CouncilIndependent("The tombstone is what keeps the council's data from coming back; an authority code is public.")]
public sealed class OffboardedCouncil
{
    public required string Authority { get; set; }

    public DateTimeOffset OffboardedAt { get; set; }
}

/// <summary>
/// Declares an entity type that is not council data, so offboarding leaves its rows. Every other entity type must have an
/// <c>Authority</c> property (<see cref="CouncilTables"/> refuses the model otherwise), so a new table cannot be forgotten.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CouncilIndependentAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
