namespace Scorecard.Api.Domain;

/// <summary>Red/amber/green against a target; <see cref="None"/> when the figure has no target or no value.</summary>
public enum RagStatus
{
    None,
    Green,
    Amber,
    Red,
}

/// <summary>
/// The clinic's thresholds. Lower is better for the agency rate and the average caseload: green at or under the
/// target, amber up to <see cref="LowerIsBetterAmberMargin"/> above it, red beyond. Higher is better for supervision
/// in timescale: green from <see cref="SupervisionGreenPercent"/>, amber from <see cref="SupervisionAmberPercent"/>.
/// </summary>
public static class Rag
{
    /// <summary>Percentage points for the agency rate, cases per FTE for the caseload.</summary>
    public const double LowerIsBetterAmberMargin = 2.0;
    public const double SupervisionGreenPercent = 90.0;
    public const double SupervisionAmberPercent = 80.0;

    // Figures are shown to one decimal place: judge the shown figure, so 18.04 is not red against 18 while showing "18.0".
    private static double Shown(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static RagStatus LowerIsBetter(double? value, double target) => value switch
    {
        null => RagStatus.None,
        var v when Shown(v.Value) <= target => RagStatus.Green,
        var v when Shown(v.Value) <= target + LowerIsBetterAmberMargin => RagStatus.Amber,
        _ => RagStatus.Red,
    };

    public static RagStatus Supervision(double? percent) => percent switch
    {
        null => RagStatus.None,
        var p when Shown(p.Value) >= SupervisionGreenPercent => RagStatus.Green,
        var p when Shown(p.Value) >= SupervisionAmberPercent => RagStatus.Amber,
        _ => RagStatus.Red,
    };
}
