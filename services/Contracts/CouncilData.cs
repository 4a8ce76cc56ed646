namespace Workforce.Contracts;

/// <summary>
/// An event carrying one council's data: offboarding that council deletes its outbox and inbox rows, and a service
/// that has offboarded the council drops it on arrival. Every contract with an <c>Authority</c> is one, except
/// <see cref="CouncilOffboarded"/>.
/// </summary>
public interface ICouncilData
{
    string Authority { get; }
}

/// <summary>
/// The workforce service deleted a council's data and refuses anything more for it; each consuming service then does
/// the same. Carries only the authority code, which is public, so it is not council data.
/// </summary>
public sealed record CouncilOffboarded(string Authority, DateTimeOffset OffboardedAt);
