namespace Workforce.Api.Domain;

/// <summary>Full-time equivalent kept exactly as an integer count of millionths (six decimals, as the DfE census).</summary>
public static class Fte
{
    public const long Scale = 1_000_000;

    public static long ToMillionths(double fte) => (long)Math.Round(fte * Scale, MidpointRounding.AwayFromZero);

    public static decimal FromMillionths(long millionths) => millionths / (decimal)Scale;
}
