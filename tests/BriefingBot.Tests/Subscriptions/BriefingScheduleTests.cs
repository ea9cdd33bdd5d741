using BriefingBot.Core.Subscriptions;

namespace BriefingBot.Tests.Subscriptions;

/// <summary>Next occurrences across daylight-saving changes (2026: Europe 29 March / 25 October, US 8 March / 1 November).</summary>
public sealed class BriefingScheduleTests
{
    [Fact]
    public void BerlinMorningBriefingsMoveOneHourInUtcWhenSummerTimeStarts()
    {
        var schedule = new BriefingSchedule(new TimeOnly(7, 30), BriefingSchedule.EveryDay, "Europe/Berlin");

        var saturday = schedule.NextAfter(DateTimeOffset.Parse("2026-03-28T00:00:00Z"));
        var sunday = schedule.NextAfter(saturday);

        Assert.Equal(DateTimeOffset.Parse("2026-03-28T06:30:00Z"), saturday);
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T05:30:00Z"), sunday);
    }

    [Fact]
    public void ATimeSkippedBySpringForwardStillFiresOnceThatDay()
    {
        var schedule = new BriefingSchedule(new TimeOnly(2, 30), BriefingSchedule.EveryDay, "Europe/Berlin");

        var skipped = schedule.NextAfter(DateTimeOffset.Parse("2026-03-28T12:00:00Z"));
        var following = schedule.NextAfter(skipped);

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:00:00Z"), skipped);
        Assert.Equal(DateTimeOffset.Parse("2026-03-30T00:30:00Z"), following);
    }

    [Fact]
    public void ATimeRepeatedByFallBackFiresOnlyOnce()
    {
        var schedule = new BriefingSchedule(new TimeOnly(1, 30), BriefingSchedule.EveryDay, "America/New_York");

        var first = schedule.NextAfter(DateTimeOffset.Parse("2026-11-01T04:00:00Z"));
        var next = schedule.NextAfter(first);

        Assert.Equal(DateTimeOffset.Parse("2026-11-01T05:30:00Z"), first);
        Assert.Equal(DateTimeOffset.Parse("2026-11-02T06:30:00Z"), next);
    }

    [Fact]
    public void WeekdayBriefingsSkipTheWeekend()
    {
        var schedule = new BriefingSchedule(new TimeOnly(9, 0), BriefingSchedule.Weekdays, "America/New_York");

        var afterFriday = schedule.NextAfter(DateTimeOffset.Parse("2026-11-27T15:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-11-30T14:00:00Z"), afterFriday);
        Assert.Equal("every weekday at 09:00 (America/New_York)", schedule.Describe());
    }
}
