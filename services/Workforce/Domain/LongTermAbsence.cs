namespace Workforce.Api.Domain;

/// <summary>
/// domain.md §1a: an absence is long-term if its reason is maternity or it lasts at least the council's threshold
/// (a dated setting, 28 days by default); an absence with no last day yet counts its length so far.
/// </summary>
public static class LongTermAbsence
{
    /// <summary>
    /// The first day on which the absence counts as long-term, or null if it never does: the first day when the reason
    /// or the known length decides it, else (still open) the day its length so far reaches the threshold.
    /// </summary>
    public static DateOnly? From(Absence absence, int thresholdDays)
    {
        if (absence.Reason == AbsenceReason.Maternity)
        {
            return absence.FirstDay;
        }

        if (absence.LastDay is { } lastDay)
        {
            return absence.LengthInDays(lastDay) >= thresholdDays ? absence.FirstDay : null;
        }

        return absence.FirstDay.AddDays(thresholdDays - 1);
    }

    /// <summary>DfE census code of a reason, as carried in events.</summary>
    public static string CensusCode(AbsenceReason reason) => reason switch
    {
        AbsenceReason.Maternity => "MAT",
        AbsenceReason.Sickness => "SIC",
        AbsenceReason.Other => "OTH",
        AbsenceReason.PublicDuties => "PUB",
        AbsenceReason.Training => "TRN",
        AbsenceReason.UnauthorisedAbsence => "UNA",
        AbsenceReason.UnpaidLeave => "UNP",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a census absence reason."),
    };
}
