using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Slack;

/// <summary>
/// Turns the bot's Markdown replies into Slack messages: mrkdwn (<c>&amp; &lt; &gt;</c> escaped, <c>**bold**</c> →
/// <c>*bold*</c>, <c>[text](url)</c> → <c>&lt;url|text&gt;</c>) in Block Kit section blocks of at most 3,000 characters,
/// at most 50 blocks per message; longer replies become several messages.
/// </summary>
internal static partial class SlackMessageFormatter
{
    public const int MaxSectionChars = 3000;
    public const int MaxBlocks = 50;

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>https?://[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\*\*(?<text>.+?)\*\*")]
    private static partial Regex BoldPattern();

    /// <summary>One Slack message: fallback text (for notifications) and its blocks.</summary>
    public sealed record SlackMessage(string Text, JArray Blocks);

    public static IReadOnlyList<SlackMessage> Format(string markdown)
    {
        var sections = new List<string>();
        foreach (var paragraph in ToMrkdwn(markdown).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sections.AddRange(Chunk(paragraph));
        }

        if (sections.Count == 0)
        {
            sections.Add(" ");
        }

        var messages = new List<SlackMessage>();
        foreach (var group in sections.Chunk(MaxBlocks))
        {
            var blocks = new JArray(group.Select(text => new JObject
            {
                ["type"] = "section",
                ["text"] = new JObject { ["type"] = "mrkdwn", ["text"] = text },
            }));
            var fallback = string.Join("\n\n", group);
            messages.Add(new SlackMessage(fallback.Length > MaxSectionChars ? fallback[..MaxSectionChars] : fallback, blocks));
        }

        return messages;
    }

    /// <summary>Escapes Slack's control characters, then rewrites links and bold.</summary>
    public static string ToMrkdwn(string markdown)
    {
        var links = new List<string>();
        var text = LinkPattern().Replace(markdown, m =>
        {
            links.Add($"<{m.Groups["url"].Value}|{Escape(m.Groups["text"].Value).Replace("|", "¦", StringComparison.Ordinal)}>");
            return $"\u0001{links.Count - 1}\u0002";
        });

        // Quotes ("> sentence") are Markdown syntax that mrkdwn shares; keep the marker unescaped.
        var lines = text.Split('\n').Select(line =>
        {
            var trimmed = line.TrimStart();
            return trimmed.StartsWith("> ", StringComparison.Ordinal)
                ? line[..(line.Length - trimmed.Length)] + ">" + Escape(trimmed[1..])
                : Escape(line);
        });
        text = BoldPattern().Replace(string.Join('\n', lines), "*${text}*");
        return Regex.Replace(text, "\u0001(\\d+)\u0002", m => links[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Slack's text escapes undone, for reading what a user typed.</summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Splits a paragraph over the section limit at line ends, else at spaces, never inside a link.</summary>
    private static IEnumerable<string> Chunk(string paragraph)
    {
        var rest = paragraph;
        while (rest.Length > MaxSectionChars)
        {
            var cut = rest.LastIndexOf('\n', MaxSectionChars - 1);
            if (cut < MaxSectionChars / 2)
            {
                cut = rest.LastIndexOf(' ', MaxSectionChars - 1);
            }

            var open = rest.LastIndexOf('<', Math.Max(cut, 0));
            if (open >= 0 && rest.IndexOf('>', open) >= cut && open > 0)
            {
                cut = open;
            }

            if (cut <= 0)
            {
                cut = MaxSectionChars;
            }

            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
