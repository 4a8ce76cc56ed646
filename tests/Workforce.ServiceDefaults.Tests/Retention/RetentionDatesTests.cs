using Workforce.ServiceDefaults.Retention;
using Xunit;

namespace Workforce.ServiceDefaults.Tests.Retention;

/// <summary>The dated rules of retention, worked by hand.</summary>
public sealed class RetentionDatesTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_cutoff_is_today_less_the_years_kept()
    {
        Assert.Equal(D(2021, 11, 24), RetentionDates.Cutoff(D(2026, 11, 24), 5));
        Assert.Equal(D(2023, 2, 28), RetentionDates.Cutoff(D(2026, 2, 28), 3));
    }

    [Fact]
    public void The_horizon_is_the_first_day_whose_year_starts_on_or_after_the_cutoff()
    {
        // A leaver's last day before the cutoff counts in turnover for the year to any date up to a year after it.
        Assert.Equal(D(2022, 11, 24), RetentionDates.Horizon(D(2021, 11, 24)));
        // From 29 February 2020: the year to 28 February 2021 still starts on 29 February 2020 (last day 28 February
        // counts), so the horizon is 1 March 2021, not 28 February.
        Assert.Equal(D(2021, 3, 1), RetentionDates.Horizon(D(2020, 2, 29)));
    }

    [Fact]
    public void An_interval_ended_before_the_cutoff_when_its_last_day_is_before_it()
    {
        var cutoff = D(2021, 11, 24);
        Assert.True(RetentionDates.EndedBefore(D(2021, 11, 24), cutoff)); // last day 23 November
        Assert.False(RetentionDates.EndedBefore(D(2021, 11, 25), cutoff)); // last day the cutoff itself
        Assert.False(RetentionDates.EndedBefore(null, cutoff)); // still open
    }

    [Fact]
    public void Month_ends_are_frozen_from_the_first_month_to_the_horizon_less_those_frozen_already()
    {
        var all = RetentionDates.MonthEndsToFreeze(D(2021, 1, 15), D(2022, 11, 24), null);
        Assert.Equal(22, all.Count);
        Assert.Equal((D(2021, 1, 31), D(2022, 10, 31)), (all[0], all[^1]));
        Assert.Contains(D(2021, 9, 30), all);
        Assert.Contains(D(2022, 2, 28), all);

        // A later purge freezes only what lies between the previous horizon and its own.
        Assert.Equal([D(2022, 11, 30), D(2022, 12, 31)], RetentionDates.MonthEndsToFreeze(D(2021, 1, 15), D(2023, 1, 5), D(2022, 11, 24)));
    }
}
