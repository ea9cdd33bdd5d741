using System.Net;
using System.Text;
using BriefingBot.TestKit;

namespace BriefingBot.IntegrationTests;

/// <summary>The real host and Bot Builder's CloudAdapter, with a loopback Bot Connector receiving the replies.</summary>
public sealed class BotEndpointTests : IAsyncLifetime
{
    private RunningHost _host = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _host = await RunningHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task ItAnswersAnEmulatorQuestionWithTheCountriesAndTheSourceAsAReply()
    {
        var activity = Activities.Message("Which countries joined the NATO meeting?", _connector.ServiceUrl);

        var response = await Activities.PostAsync(_host.Client, activity);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        var reply = await _connector.NextMessageAsync();
        Assert.StartsWith("Japan, South Korea, Australia and New Zealand.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Nakatani Attends NATO Defense Ministers’ Meeting", reply.Text, StringComparison.Ordinal);
        foreach (var mentionedOnly in new[] { "China", "Russia", "Taiwan" })
        {
            Assert.DoesNotContain(mentionedOnly, reply.Text!.Split("**Source")[0], StringComparison.Ordinal);
        }

        var activityId = ((dynamic)activity).id as string;
        Assert.Equal(activityId, reply.ReplyToId);
        Assert.Equal("conv-1", reply.ConversationId);
    }

    [Fact]
    public async Task AReplyRefusedWith503IsRetriedAndArrivesOnce()
    {
        var calls = 0;
        _connector.StatusForMessage = _ => Interlocked.Increment(ref calls) == 1 ? 503 : 200;

        await Activities.PostAsync(_host.Client, Activities.Message("Who is the NATO Secretary General?", _connector.ServiceUrl, "retry-conv"));

        Assert.Contains("Rutte", (await _connector.NextMessageAsync()).Text, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.DoesNotContain(_connector.Drain(), a => a.Activity.Value<string>("type") == "message");
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task AConversationSendingTooFastIsSlowedWith429WhileOthersAreServed()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["Api:ConversationBurst"] = "3", ["Api:ConversationMessagesPerMinute"] = "1" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await Activities.PostAsync(host.Client, Activities.Message("help", _connector.ServiceUrl, "chatty"))).StatusCode);
        }

        var other = await Activities.PostAsync(host.Client, Activities.Message("help", _connector.ServiceUrl, "quiet"));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ItLoadsTheSampleStoryOnAFirstRun()
    {
        var health = await _host.Client.GetStringAsync("/healthz");

        Assert.Equal("""{"status":"ok","articles":1}""", health);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    public async Task ItRefusesMalformedActivitiesWith400(string body)
    {
        var response = await _host.Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ItRefusesAnOversizedActivityWith413()
    {
        var activity = Activities.Message(new string('x', 300_000), _connector.ServiceUrl);

        var response = await Activities.PostAsync(_host.Client, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_connector.Drain());
    }

    [Fact]
    public async Task ItClearsTheConversationStateAfterAFailedTurn()
    {
        await Activities.PostAsync(_host.Client, Activities.Message("summarize", _connector.ServiceUrl, "conv-3"));
        Assert.StartsWith("Which article should I summarize?", (await _connector.NextMessageAsync()).Text, StringComparison.Ordinal);

        // The reply to the next message fails at the connector, retries included: the turn errors while the
        // summary dialog waits.
        _connector.StatusForMessage = n => n is > 1 and <= 6 ? 500 : 200;
        await Activities.PostAsync(_host.Client, Activities.Message("help", _connector.ServiceUrl, "conv-3"));
        Assert.Equal("Sorry, something went wrong on my side. Please try again.", (await _connector.NextMessageAsync()).Text);

        // The waiting dialog is gone: the same words are now a question, not the article to summarize.
        await Activities.PostAsync(_host.Client, Activities.Message("the NATO article", _connector.ServiceUrl, "conv-3"));
        Assert.DoesNotContain("**TL;DR:**", (await _connector.NextMessageAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItToldTheUserWhenTheConnectorFailedAndKeepsServing()
    {
        // Five 500s: the first reply and its four retries.
        _connector.StatusForMessage = n => n <= 5 ? 500 : 200;

        var first = await Activities.PostAsync(_host.Client, Activities.Message("help", _connector.ServiceUrl, "conv-2"));
        var apology = await _connector.NextMessageAsync();
        var second = await Activities.PostAsync(_host.Client, Activities.Message("help", _connector.ServiceUrl, "conv-2"));
        var help = await _connector.NextMessageAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Sorry, something went wrong on my side. Please try again.", apology.Text);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("I'm BriefingBot.", help.Text, StringComparison.Ordinal);
    }
}
