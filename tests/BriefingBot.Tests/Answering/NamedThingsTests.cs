using BriefingBot.Core.Answering;
using BriefingBot.Core.Ingestion;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Answering;

/// <summary>
/// A question that names something ("IP4", "PTF") is answered from a sentence about that thing, even when another
/// story has a sentence shaped exactly like an answer ("R&amp;B stands for …").
/// </summary>
public sealed class NamedThingsTests : IAsyncLifetime
{
    private const string ForumStory = """
        Island states agree fishing rules
        SUVA — Twelve island states agreed new fishing quotas on Monday at the Pacific Trade Forum (PTF).
        The PTF, founded in 1994, meets every two years.
        Its members will share patrol boats to enforce the quotas.
        """;

    private const string MusicStory = """
        Soul singers top the charts again
        LONDON — Soul and R&B albums outsold pop records this month, the industry body said.
        For younger fans, R&B stands for rhythm and blues, the host reminded viewers.
        Streaming accounted for most of the sales.
        """;

    private readonly TestServices _services = TestServices.Create();

    public async Task InitializeAsync()
    {
        var directory = _services.Database.Directory;
        await File.WriteAllTextAsync(Path.Combine(directory, "forum.txt"), ForumStory);
        await File.WriteAllTextAsync(Path.Combine(directory, "music.txt"), MusicStory);
        var report = await _services.Get<IngestionPipeline>().IngestAsync([Path.Combine(directory, "forum.txt"), Path.Combine(directory, "music.txt")]);
        Assert.Equal(2, report.Added);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task AnAcronymIsExplainedFromTheStoryThatUsesIt()
    {
        var answer = await _services.Get<IAnswerService>().AnswerAsync(new Question("What does PTF stand for?"));

        Assert.False(answer.IsAbstention);
        Assert.StartsWith("PTF stands for Pacific Trade Forum.", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Pacific Trade Forum", answer.Span);
        Assert.DoesNotContain("rhythm and blues", answer.Text, StringComparison.Ordinal);
    }
}
