using System.Diagnostics;
using System.Text.Json;
using BriefingBot.Commands;
using BriefingBot.TestKit;

namespace BriefingBot.IntegrationTests;

/// <summary>Ai:Provider=OpenAI pointed at a loopback OpenAI-compatible server: the CLI and a conversation.</summary>
public sealed class LanguageModelModeTests : IAsyncLifetime
{
    private const string ModelAnswer = """{"answer": "Japan, South Korea, Australia and New Zealand, the IP4 partners.", "citations": [1]}""";
    private LoopbackChatServer _model = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _model = await LoopbackChatServer.StartAsync();
        _connector = await LoopbackConnector.StartAsync();
        _model.Respond = _ => ModelAnswer;
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _model.DisposeAsync();
    }

    private Dictionary<string, string?> Settings(string timeout = "00:00:08") => new()
    {
        ["Ai:Provider"] = "OpenAI",
        ["Ai:Endpoint"] = _model.Endpoint,
        ["Ai:Model"] = "gpt-4o-mini",
        ["Ai:ApiKey"] = "test-key",
        ["Ai:Timeout"] = timeout,
    };

    [Fact]
    public async Task AskPrintsTheModelsGroundedAnswer()
    {
        using var database = new TestDatabase();
        await BriefingCli.RunAsync(["ingest", SampleFiles.Directory, "--db", database.Path], TextReader.Null, TextWriter.Null, TextWriter.Null);
        var start = new ProcessStartInfo("dotnet", [typeof(BriefingCli).Assembly.Location, "ask", "Which countries joined the NATO meeting?", "--json", "--db", database.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Settings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var root = JsonDocument.Parse(output.Trim()).RootElement;
        Assert.Equal("Japan, South Korea, Australia and New Zealand, the IP4 partners.", root.GetProperty("answer").GetString());
        Assert.Single(root.GetProperty("citations").EnumerateArray());
        Assert.Single(_model.Requests);
    }

    [Fact]
    public async Task AConversationGetsTheModelsAnswerWithItsCitation()
    {
        await using var host = await RunningHost.StartAsync(Settings());

        await Activities.PostAsync(host.Client, Activities.Message("Which countries joined the NATO meeting?", _connector.ServiceUrl));
        var reply = await _connector.NextMessageAsync();

        Assert.StartsWith("Japan, South Korea, Australia and New Zealand, the IP4 partners.\n\n**Source:**\n1. Nakatani Attends NATO", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConversationGetsTheOfflineAnswerInTimeWhenTheModelStalls()
    {
        _model.Delay = TimeSpan.FromSeconds(60);
        await using var host = await RunningHost.StartAsync(Settings(timeout: "00:00:03"));
        var watch = Stopwatch.StartNew();

        await Activities.PostAsync(host.Client, Activities.Message("Which countries joined the NATO meeting?", _connector.ServiceUrl));
        var reply = await _connector.NextMessageAsync();

        Assert.StartsWith("Japan, South Korea, Australia and New Zealand.", reply.Text, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"answered after {watch.Elapsed}");
    }
}
