using System.Text.RegularExpressions;

namespace BriefingBot.Dialogs.Stack;

/// <summary>
/// Maps a message to a flow with an ordered table of patterns; anything that is not a command is a question.
/// </summary>
public static partial class IntentRecognizer
{
    private static readonly (Regex Pattern, string DialogId)[] Rules =
    [
        (HelpPattern(), Flows.HelpDialog.DialogId),
        (SubscriptionPattern(), Flows.SubscriptionDialog.DialogId),
        (SourcesPattern(), Flows.SourcesDialog.DialogId),
        (SummarizePattern(), Flows.SummarizeDialog.DialogId),
        (BriefingPattern(), Flows.BriefingDialog.DialogId),
    ];

    [GeneratedRegex(@"^(?:help|\?|/help|what can you do\??|commands|hi|hello|hey)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HelpPattern();

    [GeneratedRegex(@"^(?<arg>(?:please\s+)?(?:(?:un)?subscribe\b|pause\b|resume\b|(?:(?:list|show)\s+)?(?:(?:my|our|the|all)\s+)?subscriptions?\s*$|(?:change|move|set|reschedule|update)\s+(?:(?:my|our|the|this\s+channel'?s?)\s+)?(?:daily\s+)?briefing\b|send\s+(?:me\s+)?(?:my|our|the)\s+(?:daily\s+)?briefing\s+now\b|(?:stop|cancel)\s+(?:my|our|the)\s+(?:daily\s+)?briefings?\b).*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubscriptionPattern();

    [GeneratedRegex(@"^(?<arg>(?:(?:add|follow)\s+(?:a\s+)?(?:feed|source|rss|site)s?\b|(?:list|show)\s+(?:the\s+|all\s+)?(?:sources|feeds)\b|(?:sources|feeds)\s*$|(?:remove|delete|unfollow)\s+(?:feed|source)\b|(?:poll|refresh|check)\s+(?:feed|source)\b|(?:import|export)\s+opml\b).*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SourcesPattern();

    [GeneratedRegex(@"^(?:/?summari[sz]e|sum up|tl;?dr|give me a summary of|summary of)\b[:\s]*(?<arg>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SummarizePattern();

    [GeneratedRegex(@"^(?:what'?s new|what is new|what'?s happening|any news|/?briefing|brief me|news briefing|daily briefing|(?:give me|send me) (?:a|the|my) briefing|headlines)\b[:\s]*(?<arg>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BriefingPattern();

    public static Intent Recognize(string text)
    {
        foreach (var (pattern, dialogId) in Rules)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                return new Intent(dialogId, match.Groups["arg"].Success ? match.Groups["arg"].Value.Trim() : string.Empty);
            }
        }

        return new Intent(Flows.AskDialog.DialogId, text);
    }
}
