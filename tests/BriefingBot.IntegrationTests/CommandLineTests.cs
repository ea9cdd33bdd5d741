using System.Diagnostics;
using System.Text.Json;
using BriefingBot.Commands;
using BriefingBot.TestKit;

namespace BriefingBot.IntegrationTests;

/// <summary>The command-line contract: exit codes, text and JSON output, batch files.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private async Task<(int ExitCode, string Out, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BriefingCli.RunAsync([.. args, "--db", _database.Path], new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_database.Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task IngestPrintsOneJsonSummaryLineAndCountsDuplicatesOnTheSecondRun()
    {
        var first = await RunAsync("ingest", SampleFiles.Directory, "--json");
        var second = await RunAsync("ingest", SampleFiles.Directory, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("""{"added":1,"duplicates":0,"failed":[]}""", first.Out.Trim());
        Assert.Equal("""{"added":0,"duplicates":1,"failed":[]}""", second.Out.Trim());
    }

    [Fact]
    public async Task IngestExitsWithOneAndNamesEachInputThatFailed()
    {
        var empty = WriteFile("empty.txt", string.Empty);

        var (code, output, error) = await RunAsync("ingest", SampleFiles.NatoStory, empty, "--json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output.Trim());
        Assert.Equal(1, json.RootElement.GetProperty("added").GetInt32());
        var failed = Assert.Single(json.RootElement.GetProperty("failed").EnumerateArray().ToList());
        Assert.Equal(empty, failed.GetProperty("source").GetString());
        Assert.Equal("empty file", failed.GetProperty("error").GetString());
        Assert.Equal("ingest: 1 input(s) could not be ingested", error.Trim());
    }

    [Fact]
    public async Task AskAnswersTheNatoQuestionAsJsonWithCitations()
    {
        await RunAsync("ingest", SampleFiles.Directory);

        var (code, output, _) = await RunAsync("ask", "Which countries joined the NATO meeting?", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.Trim());
        var root = json.RootElement;
        Assert.Equal("Japan, South Korea, Australia and New Zealand", root.GetProperty("span").GetString());
        var citation = root.GetProperty("citations")[0];
        Assert.StartsWith("Nakatani Attends NATO", citation.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("IP4", citation.GetProperty("sentence").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("confidence").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("elapsedMs").ValueKind);
    }

    [Fact]
    public async Task AskBatchAnswersEachLineAndMarksUnreadableLines()
    {
        await RunAsync("ingest", SampleFiles.Directory);
        var input = WriteFile("questions.jsonl", string.Join('\n',
            """{"id":"q1","question":"Who is the NATO Secretary General?"}""",
            """{"id":"q2","question":"How tall is the tower?","context":"The Eiffel Tower was completed in 1889. The tower is 330 metres tall."}""",
            """{"id":"q3" "question":}"""));
        var output = Path.Combine(_database.Directory, "answers.jsonl");

        var (code, _, error) = await RunAsync("ask", "--batch", input, "--out", output);

        Assert.Equal(1, code);
        Assert.Contains("1 input line(s) could not be read", error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(("q1", "Mark Rutte"), (lines[0].GetProperty("id").GetString(), lines[0].GetProperty("span").GetString()));
        Assert.Equal("q2", lines[1].GetProperty("id").GetString());
        Assert.Contains("330 metres", lines[1].GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("line 3: malformed JSON", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeBatchWritesTldrAndKeyPointsPerLine()
    {
        var story = File.ReadAllText(SampleFiles.NatoStory);
        var input = WriteFile("texts.jsonl", JsonSerializer.Serialize(new { id = "s1", title = (string?)null, text = story }));
        var output = Path.Combine(_database.Directory, "summaries.jsonl");

        var (code, _, _) = await RunAsync("summarize", "--batch", input, "--out", output);

        Assert.Equal(0, code);
        var line = JsonDocument.Parse(File.ReadAllLines(output).Single()).RootElement;
        Assert.Equal("s1", line.GetProperty("id").GetString());
        Assert.Contains("Nakatani", line.GetProperty("tldr").GetString(), StringComparison.Ordinal);
        Assert.True(line.GetProperty("keyPoints").GetArrayLength() >= 2);
        Assert.DoesNotContain("RANKING", line.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BriefingPrintsTheStoriesReceivedAsJson()
    {
        await RunAsync("ingest", SampleFiles.Directory);

        var (code, output, _) = await RunAsync("briefing", "--topics", "defense", "--json");
        var quiet = await RunAsync("briefing", "--since", "2999-01-01", "--json");

        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output.Trim()).RootElement;
        var item = Assert.Single(root.GetProperty("items").EnumerateArray().ToList());
        Assert.StartsWith("Nakatani Attends NATO", item.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Contains("Nakatani", item.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("nato-defence-ministers-2024-10-18.txt", item.GetProperty("sources")[0].GetProperty("source").GetString());
        Assert.Equal(0, quiet.ExitCode);
        Assert.Empty(JsonDocument.Parse(quiet.Out.Trim()).RootElement.GetProperty("items").EnumerateArray());
        Assert.StartsWith("Quiet day", JsonDocument.Parse(quiet.Out.Trim()).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeTellsWhenTheArticleDoesNotExist()
    {
        var (code, _, error) = await RunAsync("summarize", "42");

        Assert.Equal(1, code);
        Assert.Equal("summarize: no article with id 42", error.Trim());
    }

    [Fact]
    public async Task ChatRunsTheSameBotInTheTerminal()
    {
        var (code, output, _) = await RunWithInputAsync("Which countries joined the NATO meeting?\nexit\n", "chat");

        Assert.Equal(0, code);
        Assert.Contains("Welcome! I'm BriefingBot. I have 1 article", output, StringComparison.Ordinal);
        Assert.Contains("Japan, South Korea, Australia and New Zealand.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExecutableRefusesAnUnknownCommandWithANonZeroExit()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(BriefingCli).Assembly.Location, "frobnicate", "--db", _database.Path])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", error, StringComparison.Ordinal);
    }

    public void Dispose() => _database.Dispose();
}
