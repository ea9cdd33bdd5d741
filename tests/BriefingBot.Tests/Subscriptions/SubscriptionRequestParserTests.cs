using BriefingBot.Core.Subscriptions;
using BriefingBot.Dialogs.Subscriptions;

namespace BriefingBot.Tests.Subscriptions;

public sealed class SubscriptionRequestParserTests
{
    [Fact]
    public void ItReadsTimeTopicsAndWeekdays()
    {
        var request = SubscriptionRequestParser.Parse("subscribe me to a daily briefing at 7:30 on defense and Asia weekdays only");

        Assert.Null(request.Error);
        Assert.Equal(new TimeOnly(7, 30), request.Time);
        Assert.Equal(BriefingSchedule.Weekdays, request.Days);
        Assert.Equal(["defense", "Asia"], request.Topics);
        Assert.False(request.ForConversation);
    }

    [Fact]
    public void ItReadsAChannelSubscriptionWithATimeZone()
    {
        var request = SubscriptionRequestParser.Parse("subscribe this channel at 9:00 in America/New_York");

        Assert.True(request.ForConversation);
        Assert.Equal(new TimeOnly(9, 0), request.Time);
        Assert.Equal("America/New_York", request.TimeZone);
        Assert.Empty(request.Topics);
    }

    [Theory]
    [InlineData("at 6 pm", 18, 0)]
    [InlineData("at 12am", 0, 0)]
    [InlineData("to 8", 8, 0)]
    [InlineData("at 07.45", 7, 45)]
    [InlineData("at noon", 12, 0)]
    [InlineData("21:15", 21, 15)]
    public void ItReadsTimesAsPeopleWriteThem(string phrase, int hour, int minute)
    {
        var request = SubscriptionRequestParser.Parse("subscribe me " + phrase);

        Assert.Null(request.Error);
        Assert.Equal(new TimeOnly(hour, minute), request.Time);
    }

    [Fact]
    public void ItReadsNamedDays()
    {
        var request = SubscriptionRequestParser.Parse("subscribe me at 8:00 on Mondays and Thursdays about tech");

        Assert.Equal("1,4", request.Days);
        Assert.Equal(["tech"], request.Topics);
    }

    [Theory]
    [InlineData("subscribe me at 25:00", "time")]
    [InlineData("subscribe me at 7:75", "time")]
    [InlineData("subscribe me at 13 pm", "time")]
    [InlineData("subscribe me at 7:30 in Mars/Olympus", "zone")]
    public void ItExplainsABadTimeOrZone(string text, string field)
    {
        var request = SubscriptionRequestParser.Parse(text);

        Assert.Equal(field, request.ErrorField);
        Assert.Contains(field == "time" ? "isn't a time of day" : "I don't know the time zone “Mars/Olympus”", request.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ItKeepsTheRestOfTheRequestWhenTheTimeIsBad()
    {
        var request = SubscriptionRequestParser.Parse("subscribe this channel at 25:00 on energy");

        Assert.Equal("time", request.ErrorField);
        Assert.True(request.ForConversation);
        Assert.Equal(["energy"], request.Topics);
    }
}
