using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Slack;

/// <summary>Slack payloads as Bot Framework activities.</summary>
internal static partial class SlackEvents
{
    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(?:\|[^>]*)?>")]
    private static partial Regex MentionPattern();

    /// <summary>
    /// The message activity for an <c>app_mention</c> or a direct message (<c>message</c> in an <c>im</c>); null for
    /// everything else, for edits and other subtypes, and for messages from bots (the bot's own included).
    /// </summary>
    public static Activity? FromEventCallback(JObject envelope, string serviceUrl)
    {
        if (envelope["event"] is not JObject ev)
        {
            return null;
        }

        var type = ev.Value<string>("type");
        var channelType = ev.Value<string>("channel_type");
        var isMention = type == "app_mention";
        var isDirect = type == "message" && channelType == "im";
        if ((!isMention && !isDirect) || ev["bot_id"] is not null || ev["subtype"] is not null)
        {
            return null;
        }

        var botUserId = envelope["authorizations"]?.FirstOrDefault()?.Value<string>("user_id");
        var user = ev.Value<string>("user");
        var channel = ev.Value<string>("channel");
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel) || user == botUserId)
        {
            return null;
        }

        var text = MentionPattern().Replace(ev.Value<string>("text") ?? string.Empty, m => m.Groups["id"].Value == botUserId || botUserId is null ? " " : m.Value);
        var ts = ev.Value<string>("ts");

        // A mention in a channel is answered in its thread; a direct message in the conversation itself.
        var threadTs = ev.Value<string>("thread_ts") ?? (isMention ? ts : null);
        return Message(
            id: ev.Value<string>("client_msg_id") ?? ts ?? Guid.NewGuid().ToString("N"),
            channel,
            isGroup: !isDirect,
            conversationType: isDirect ? "personal" : "channel",
            user,
            botUserId,
            SlackMessageFormatter.Unescape(text).Trim(),
            serviceUrl,
            new JObject { ["thread_ts"] = threadTs, ["team"] = envelope.Value<string>("team_id"), ["event_id"] = envelope.Value<string>("event_id") });
    }

    /// <summary>The message activity for a slash command ("/briefing which countries …"); replies go to response_url.</summary>
    public static Activity FromSlashCommand(IReadOnlyDictionary<string, string> form, string serviceUrl)
    {
        var text = form.GetValueOrDefault("text", string.Empty).Trim();
        var channel = form.GetValueOrDefault("channel_id", string.Empty);
        return Message(
            id: form.GetValueOrDefault("trigger_id") ?? Guid.NewGuid().ToString("N"),
            channel,
            isGroup: !channel.StartsWith('D'),
            conversationType: channel.StartsWith('D') ? "personal" : "channel",
            form.GetValueOrDefault("user_id", string.Empty),
            botUserId: null,
            text.Length == 0 ? "help" : text,
            serviceUrl,
            new JObject { ["response_url"] = form.GetValueOrDefault("response_url"), ["team"] = form.GetValueOrDefault("team_id"), ["command"] = form.GetValueOrDefault("command") },
            userName: form.GetValueOrDefault("user_name"));
    }

    private static Activity Message(string id, string channel, bool isGroup, string conversationType, string user, string? botUserId, string text, string serviceUrl, JObject channelData, string? userName = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = SlackAdapter.ChannelId,
        ServiceUrl = serviceUrl,
        Timestamp = DateTimeOffset.UtcNow,
        Conversation = new ConversationAccount(isGroup: isGroup, conversationType: conversationType, id: channel),
        From = new ChannelAccount(user, userName),
        Recipient = new ChannelAccount(botUserId ?? "slack-bot", "BriefingBot"),
        Text = text,
        TextFormat = TextFormatTypes.Plain,
        ChannelData = channelData,
    };
}
