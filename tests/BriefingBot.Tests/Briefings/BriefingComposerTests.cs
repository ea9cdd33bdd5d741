using System.Text;
using BriefingBot.Core.Briefings;
using BriefingBot.Core.Ingestion;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Briefings;

/// <summary>Briefings over small corpora written for these tests.</summary>
public sealed class BriefingComposerTests : IAsyncLifetime
{
    private readonly TestServices _services = TestServices.Create();

    private static string Line(string id, string source, string title, string text, string published) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, source, title, text, url = $"https://{source.ToLowerInvariant().Replace(' ', '-')}.test/{id}", published });

    public async Task InitializeAsync()
    {
        var corpus = new StringBuilder();
        corpus.AppendLine(Line("w1", "Wire One", "Flood barrier opens in port city",
            "A new flood barrier opened in the port city on Monday after six years of construction. Engineers said the barrier will protect 40,000 homes from storm surges. The project cost 1.2 billion euros and was paid for by the regional government.",
            "2026-11-24T08:00:00Z"));
        corpus.AppendLine(Line("w2", "Daily Two", "Port city's flood barrier finally opens",
            "The new flood barrier in the port city opened on Monday after six years of building work. Engineers say the barrier protects 40,000 homes against storm surges. The regional government paid the 1.2 billion euro cost.",
            "2026-11-24T09:30:00Z"));
        corpus.AppendLine(Line("t1", "Tech Three", "Chip maker unveils faster processor",
            "A chip maker unveiled a processor that it says runs twice as fast as its previous model. The company will ship the chip to laptop makers next spring. Analysts expect strong demand from data centres.",
            "2026-11-24T10:00:00Z"));
        corpus.AppendLine(Line("s1", "Sport Four", "Local club wins cup final",
            "The local football club won the cup final on Saturday with a late goal. Fans celebrated in the town square until midnight. It is the club's first trophy in twenty years.",
            "2026-11-23T18:00:00Z"));
        var path = Path.Combine(_services.Database.Directory, "corpus.jsonl");
        await File.WriteAllTextAsync(path, corpus.ToString());
        var report = await _services.Get<IngestionPipeline>().IngestAsync([path]);
        Assert.Equal(4, report.Added);
    }

    public Task DisposeAsync()
    {
        _services.Dispose();
        return Task.CompletedTask;
    }

    private Task<Briefing> ComposeAsync(params string[] topics) =>
        _services.Get<IBriefingComposer>().ComposeAsync(new BriefingRequest(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), topics));

    [Fact]
    public async Task ItMergesTheSameStoryFromTwoSourcesIntoOneItemListingBoth()
    {
        var briefing = await ComposeAsync();

        Assert.Equal(3, briefing.Items.Count);
        var flood = Assert.Single(briefing.Items, i => i.Headline.Contains("flood barrier", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Daily Two", "Wire One"], flood.Sources.Select(s => s.Source).Order());
        Assert.All(flood.Sources, s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ItRanksAStoryCarriedBySeveralSourcesFirst()
    {
        var briefing = await ComposeAsync();

        Assert.Contains("flood barrier", briefing.Items[0].Headline, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("flood barrier", briefing.Items[0].Summary, StringComparison.Ordinal);
        Assert.Equal(2, briefing.Items[0].Sources.Count);
    }

    [Fact]
    public async Task ItKeepsOnlyStoriesOnTheRequestedTopics()
    {
        var briefing = await ComposeAsync("technology");

        var item = Assert.Single(briefing.Items);
        Assert.Equal("Chip maker unveils faster processor", item.Headline);
    }

    [Fact]
    public async Task ItIsQuietWhenNothingMatches()
    {
        var briefing = await ComposeAsync("volcano eruption");

        Assert.True(briefing.IsQuiet);
        Assert.StartsWith("Quiet day: no new stories on volcano eruption since", BriefingBot.Dialogs.Rendering.MarkdownRenderer.BriefingText(briefing), StringComparison.Ordinal);
    }
}
