using BriefingBot.Dialogs.Flows;

namespace BriefingBot.Tests.Briefings;

public sealed class BriefingRequestParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ItReadsTodayInTheUsersTimeZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var request = BriefingDialog.Parse("today", Now, berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1)), request.Since);
        Assert.Empty(request.Topics);
    }

    [Fact]
    public void ItReadsThisWeekAndSeveralTopics()
    {
        var request = BriefingDialog.Parse("this week on defense, Asia and tech", Now, TimeZoneInfo.Utc);

        Assert.Equal(Now.AddDays(-7), request.Since);
        Assert.Equal(["defense", "Asia", "tech"], request.Topics);
    }

    [Fact]
    public void ItDefaultsToTheLastDay()
    {
        var request = BriefingDialog.Parse(string.Empty, Now, TimeZoneInfo.Utc);

        Assert.Equal((Now.AddHours(-24), Now), (request.Since, request.Until));
    }
}
