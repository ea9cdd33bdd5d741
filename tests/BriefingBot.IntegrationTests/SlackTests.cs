using System.Globalization;
using System.Net;
using System.Text;
using BriefingBot.Core.Subscriptions;
using BriefingBot.Dialogs.Subscriptions;
using BriefingBot.Slack;
using BriefingBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BriefingBot.IntegrationTests;

/// <summary>
/// The native Slack integration: signed requests to /api/slack on the real host, replies to a loopback Slack Web API.
/// </summary>
public sealed class SlackTests : IAsyncLifetime
{
    private const string Secret = "test-signing-secret";
    private const string BotUser = "UBOT01";
    private LoopbackSlackApi _slack = null!;
    private RunningHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await LoopbackSlackApi.StartAsync();
        _host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["Briefings:SchedulerEnabled"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        _slack.Gate?.TrySetResult();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType = "application/json", string? timestamp = null, string? signature = null, int? retry = null)
    {
        timestamp ??= Now();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature ?? SlackSignature.Compute(Secret, timestamp, Encoding.UTF8.GetBytes(body)));
        if (retry is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.Value.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return _host.Client.SendAsync(request);
    }

    private static string Event(string type, string text, string channel = "C0CHAN", string? channelType = "channel", string? eventId = null, string? botId = null, string user = "UALICE") =>
        JsonConvert.SerializeObject(new
        {
            token = "unused",
            team_id = "T0TEAM",
            type = "event_callback",
            event_id = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10],
            event_time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            authorizations = new[] { new { user_id = BotUser, is_bot = true } },
            @event = new Dictionary<string, object?>
            {
                ["type"] = type,
                ["user"] = user,
                ["text"] = text,
                ["ts"] = "1732600000.000100",
                ["channel"] = channel,
                ["channel_type"] = channelType,
                ["bot_id"] = botId,
                ["client_msg_id"] = Guid.NewGuid().ToString(),
            }.Where(p => p.Value is not null).ToDictionary(),
        });

    [Fact]
    public void SlacksPublishedExampleVerifies()
    {
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        const string signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var nearThen = DateTimeOffset.FromUnixTimeSeconds(1531420618 + 30);
        var window = TimeSpan.FromMinutes(5);

        Assert.Equal(signature, SlackSignature.Compute("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", Encoding.UTF8.GetBytes(body)));
        Assert.Null(SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature, Encoding.UTF8.GetBytes(body), nearThen, window));
        Assert.Equal("signature mismatch", SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature, Encoding.UTF8.GetBytes(body.Replace("roadrunner", "coyote", StringComparison.Ordinal)), nearThen, window));
        Assert.Contains("window", SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature, Encoding.UTF8.GetBytes(body), nearThen.AddMinutes(10), window), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedAndStaleRequestsGet401AndNoAnswer()
    {
        var body = Event("app_mention", $"<@{BotUser}> help");

        var forged = await PostSignedAsync("/api/slack/events", body, signature: "v0=" + new string('0', 64));
        var unsigned = await _host.Client.PostAsync("/api/slack/events", new StringContent(body, Encoding.UTF8, "application/json"));
        var staleTime = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var stale = await PostSignedAsync("/api/slack/events", body, timestamp: staleTime);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        await Task.Delay(300);
        Assert.Empty(_slack.Posts);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ItAnswersUrlVerificationWithTheChallenge()
    {
        var response = await PostSignedAsync("/api/slack/events", """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JObject.Parse(await response.Content.ReadAsStringAsync()).Value<string>("challenge"));
    }

    [Fact]
    public async Task AChannelMentionIsAnsweredInItsThreadAsBlockKitWithTheBotToken()
    {
        var response = await PostSignedAsync("/api/slack/events", Event("app_mention", $"<@{BotUser}> which countries joined the NATO meeting?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await _slack.NextPostAsync();
        Assert.Equal("chat.postMessage", post.Method);
        Assert.Equal("Bearer xoxb-test-token", post.Authorization);
        Assert.Equal("C0CHAN", post.Channel);
        Assert.Equal("1732600000.000100", post.ThreadTs);
        Assert.StartsWith("Japan, South Korea, Australia and New Zealand.", post.BlockText, StringComparison.Ordinal);
        Assert.Contains("*Source:*", post.BlockText, StringComparison.Ordinal);
        Assert.Equal("mrkdwn", post.Body["blocks"]![0]!["text"]!.Value<string>("type"));
    }

    [Fact]
    public async Task SlackIsAcknowledgedBeforeTheAnswerIsPosted()
    {
        _slack.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var response = await PostSignedAsync("/api/slack/events", Event("app_mention", $"<@{BotUser}> who is the NATO Secretary General?"));

        // The answer is still held at Slack's door, yet Slack has its 200.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_slack.Posts);
        _slack.Gate.SetResult();
        Assert.Contains("Rutte", (await _slack.NextPostAsync()).BlockText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetriedEventIsAnsweredOnce()
    {
        var body = Event("app_mention", $"<@{BotUser}> help", eventId: "EvRETRY0001");

        var first = await PostSignedAsync("/api/slack/events", body);
        var retried = await PostSignedAsync("/api/slack/events", body, retry: 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await _slack.NextPostAsync();
        await Task.Delay(500);
        Assert.Single(_slack.Posts);
    }

    [Fact]
    public async Task ItAnswersDirectMessagesOutsideThreadsAndIgnoresBotMessages()
    {
        await PostSignedAsync("/api/slack/events", Event("message", "a message from another bot", "D0BOTS", "im", botId: "B0OTHER"));
        await PostSignedAsync("/api/slack/events", Event("message", "the bot's own message", "D0BOTS", "im", user: BotUser));
        await PostSignedAsync("/api/slack/events", Event("message", "help", "D0ALICE", "im"));

        var post = await _slack.NextPostAsync();
        Assert.Equal("D0ALICE", post.Channel);
        Assert.Null(post.ThreadTs);
        Assert.Contains("I'm BriefingBot", post.BlockText, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(_slack.Posts);
    }

    [Fact]
    public async Task ARateLimitedPostIsRetriedAfterRetryAfter()
    {
        _slack.RateLimitFirst = 1;

        await PostSignedAsync("/api/slack/events", Event("message", "help", "D0ALICE", "im"));

        Assert.Contains("I'm BriefingBot", (await _slack.NextPostAsync()).BlockText, StringComparison.Ordinal);
        Assert.Equal(2, _slack.Attempts);
        Assert.Single(_slack.Posts);
    }

    [Fact]
    public async Task TheSlashCommandAnswersThroughItsResponseUrl()
    {
        var form = "token=x&team_id=T0TEAM&channel_id=C0CHAN&user_id=UALICE&user_name=alice&command=%2Fbriefing"
            + "&text=which+countries+joined+the+NATO+meeting%3F&response_url=" + Uri.EscapeDataString(_slack.ResponseUrl("cmd1")) + "&trigger_id=1.2.3";

        var ack = await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var post = await _slack.NextPostAsync();
        Assert.Equal("response/cmd1", post.Method);
        Assert.Equal("in_channel", post.Body.Value<string>("response_type"));
        Assert.StartsWith("Japan, South Korea, Australia and New Zealand.", post.BlockText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABriefingSubscribedInSlackIsPostedToSlackProactively()
    {
        await PostSignedAsync("/api/slack/events", Event("message", "subscribe me to a daily briefing at 7:30 Europe/Berlin", "D0ALICE", "im"));
        Assert.Contains("Subscribed", (await _slack.NextPostAsync()).BlockText, StringComparison.Ordinal);
        var store = _host.Services.GetRequiredService<ISubscriptionStore>();
        var subscription = Assert.Single(await store.ListAllAsync());
        await store.UpdateAsync(subscription with { NextDue = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Equal(1, await _host.Services.GetRequiredService<BriefingScheduler>().RunDueAsync(CancellationToken.None));

        var briefing = await _slack.NextPostAsync();
        Assert.Equal("chat.postMessage", briefing.Method);
        Assert.Equal("D0ALICE", briefing.Channel);
        Assert.Null(briefing.ThreadTs);
        Assert.Contains("Your briefing", briefing.BlockText, StringComparison.Ordinal);
        Assert.Contains("Nakatani Attends NATO", briefing.BlockText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASigningSecretTheSlackEndpointsAreOff()
    {
        await using var plain = await RunningHost.StartAsync();

        var response = await plain.Client.PostAsync("/api/slack/events", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class SlackMessageFormatterTests
{
    [Fact]
    public void ItEscapesControlCharactersAndRewritesLinksAndBold()
    {
        var mrkdwn = SlackMessageFormatter.ToMrkdwn("**AT&T <b>** said [Q3 results](https://example.com/a?x=1&y=2)\n   > a quote");

        Assert.Equal("*AT&amp;T &lt;b&gt;* said <https://example.com/a?x=1&y=2|Q3 results>\n   > a quote", mrkdwn);
    }

    [Fact]
    public void ALongReplyIsSplitIntoSectionsAndMessagesWithinSlacksLimits()
    {
        var paragraphs = Enumerable.Range(1, 80).Select(i => $"{i}. **Story {i}**\n" + string.Join(' ', Enumerable.Repeat($"word{i}", 120)));
        var markdown = string.Join("\n\n", paragraphs) + "\n\n" + new string('x', 7000);

        var messages = SlackMessageFormatter.Format(markdown);

        Assert.True(messages.Count >= 2);
        Assert.All(messages, m => Assert.InRange(m.Blocks.Count, 1, SlackMessageFormatter.MaxBlocks));
        var sections = messages.SelectMany(m => m.Blocks).Select(b => b["text"]!.Value<string>("text")!).ToList();
        Assert.All(sections, s => Assert.InRange(s.Length, 1, SlackMessageFormatter.MaxSectionChars));
        Assert.Contains(sections, s => s.StartsWith("80. *Story 80*", StringComparison.Ordinal));
        Assert.Equal(7000, sections.Where(s => s.All(c => c == 'x')).Sum(s => s.Length));
    }
}
