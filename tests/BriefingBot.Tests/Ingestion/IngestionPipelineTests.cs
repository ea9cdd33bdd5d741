using System.Text;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Storage;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Ingestion;

public sealed class IngestionPipelineTests : IDisposable
{
    private const string Story = "Harbour Reopens\nThe harbour in the old town reopened on Friday after repairs that lasted two years. Fishermen welcomed the decision.\n";
    private readonly TestServices _services = TestServices.Create(new Dictionary<string, string?> { ["Ingestion:MaxDocumentBytes"] = (10 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private IngestionPipeline Pipeline => _services.Get<IngestionPipeline>();

    private IArticleStore Store => _services.Get<IArticleStore>();

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_services.Database.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteFile(string name, string text) => WriteFile(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task ItStoresTheSampleStoryWithTitleTimeSentencesAndVectors()
    {
        var report = await Pipeline.IngestAsync([SampleFiles.NatoStory]);

        Assert.Equal(1, report.Added);
        var article = await Store.GetAsync(report.AddedIds[0]);
        Assert.NotNull(article);
        Assert.StartsWith("Nakatani Attends NATO", article.Title);
        Assert.Equal(new DateTimeOffset(2024, 10, 18, 6, 2, 0, TimeSpan.Zero), article.Published!.Value.ToUniversalTime());
        var sentences = await Store.GetSentencesAsync(article.Id);
        Assert.Contains(sentences, s => s.Text.Contains("Indo-Pacific Four (IP4)", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, s => s.Text.Contains("ACCESS RANKING", StringComparison.Ordinal));
        var vectors = await Store.GetVectorsAsync(0, 1000);
        Assert.Equal(sentences.Count, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(384, v.Vector.Length));
    }

    [Fact]
    public async Task ItMergesAnExactDuplicateAndCountsIt()
    {
        var first = WriteFile("a.txt", Story);
        var second = WriteFile("b.md", Story.Replace("\n", "\n\n", StringComparison.Ordinal).Replace("Friday", "Friday ", StringComparison.Ordinal));

        var report = await Pipeline.IngestAsync([first, second]);

        Assert.Equal(1, report.Added);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal(1, await Store.CountAsync());
    }

    [Fact]
    public async Task ItReportsBadFilesClearlyAndStillIngestsTheGoodOnes()
    {
        var empty = WriteFile("empty.txt", string.Empty);
        var binary = WriteFile("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0x03, 0xFF, 0x00]);
        var invalidUtf8 = WriteFile("latin.txt", [.. Encoding.UTF8.GetBytes("Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" au lait is served in the old town every morning.")]);
        var huge = Path.Combine(_services.Database.Directory, "huge.txt");
        await using (var stream = File.Create(huge))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var good = WriteFile("good.txt", Story);

        var report = await Pipeline.IngestAsync([empty, binary, invalidUtf8, huge, good, Path.Combine(_services.Database.Directory, "missing.txt")]);

        Assert.Equal(1, report.Added);
        Assert.Equal(1, await Store.CountAsync());
        var errors = report.Failed.ToDictionary(f => Path.GetFileName(f.Source), f => f.Error);
        Assert.Equal("empty file", errors["empty.txt"]);
        Assert.Contains("binary", errors["binary.txt"], StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", errors["latin.txt"], StringComparison.Ordinal);
        Assert.Contains("over the 10 MiB limit", errors["huge.txt"], StringComparison.Ordinal);
        Assert.Equal("no such file or folder", errors["missing.txt"]);
    }

    [Fact]
    public async Task ItReadsJsonLinesAndReportsEachMalformedLineByNumber()
    {
        var corpus = WriteFile("corpus.jsonl", string.Join('\n',
            """{"id":"a-1","title":"Rail strike ends","text":"The rail strike ended on Monday after unions accepted a new pay offer from the operators.","source":"Wire","url":"https://example.test/a-1","published":"2024-05-01T08:00:00Z"}""",
            """{"id":"a-2","title":"Broken","text":"unterminated""",
            """{"id":"a-3","title":"No text"}""",
            """{"id":"a-4","title":"Library opens","text":"Library opens\nA new public library opened in the city centre with space for forty thousand books."}"""));

        var report = await Pipeline.IngestAsync([corpus]);

        Assert.Equal(2, report.Added);
        Assert.Collection(
            report.Failed,
            f => Assert.Equal((corpus + ":2", true), (f.Source, f.Error.StartsWith("malformed JSON", StringComparison.Ordinal))),
            f => Assert.Equal((corpus + ":3", "missing \"text\""), (f.Source, f.Error)));
        var rail = await Store.GetAsync(report.AddedIds[0]);
        Assert.Equal(("Rail strike ends", "Wire", "https://example.test/a-1"), (rail!.Title, rail.Source, rail.Url));
        var library = await Store.GetAsync(report.AddedIds[1]);
        Assert.Equal("A new public library opened in the city centre with space for forty thousand books.", library!.Body);
    }

    public void Dispose() => _services.Dispose();
}
