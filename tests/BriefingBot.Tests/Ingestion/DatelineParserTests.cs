using BriefingBot.Core.Ingestion;

namespace BriefingBot.Tests.Ingestion;

public sealed class DatelineParserTests
{
    [Theory]
    [InlineData("15:02 JST, October 18, 2024", "2024-10-18T15:02:00+09:00")]
    [InlineData("Published 18 October 2024", "2024-10-18T00:00:00+00:00")]
    [InlineData("Updated: Oct. 3, 2023 at 4:15 p.m. EDT", "2023-10-03T16:15:00-04:00")]
    [InlineData("2024-06-01T09:30:00Z", "2024-06-01T09:30:00+00:00")]
    public void ItParsesCommonTimeLines(string line, string expected)
    {
        Assert.True(DatelineParser.TryParse(line, out var published));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), published);
    }

    [Theory]
    [InlineData("The minister said on October 18, 2024 that the talks would continue for several more weeks.")]
    [InlineData("February 30, 2024")]
    [InlineData("No date here")]
    public void ItRejectsProseAndImpossibleDates(string line)
    {
        Assert.False(DatelineParser.TryParse(line, out _));
    }
}
