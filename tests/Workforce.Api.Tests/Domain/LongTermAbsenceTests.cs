using Workforce.Api.Domain;
using Xunit;

namespace Workforce.Api.Tests.Domain;

public sealed class LongTermAbsenceTests
{
    private static readonly DateOnly First = new(2025, 3, 3);

    [Fact]
    public void Maternity_is_long_term_from_its_first_day_however_short()
    {
        Assert.Equal(First, LongTermAbsence.From(new Absence(First, First.AddDays(5), AbsenceReason.Maternity, 0), 28));
    }

    [Fact]
    public void A_closed_absence_of_28_days_is_long_term_throughout_and_of_27_days_never()
    {
        Assert.Equal(First, LongTermAbsence.From(new Absence(First, First.AddDays(27), AbsenceReason.Sickness, 0), 28));
        Assert.Null(LongTermAbsence.From(new Absence(First, First.AddDays(26), AbsenceReason.Sickness, 0), 28));
    }

    [Fact]
    public void An_open_absence_becomes_long_term_on_its_28th_day()
    {
        Assert.Equal(new DateOnly(2025, 3, 30), LongTermAbsence.From(new Absence(First, null, AbsenceReason.Sickness, 0), 28));
    }

    [Fact]
    public void The_threshold_is_the_councils_setting()
    {
        Assert.Null(LongTermAbsence.From(new Absence(First, First.AddDays(27), AbsenceReason.Other, 0), thresholdDays: 42));
        Assert.Equal(First.AddDays(41), LongTermAbsence.From(new Absence(First, null, AbsenceReason.Other, 0), thresholdDays: 42));
    }
}
