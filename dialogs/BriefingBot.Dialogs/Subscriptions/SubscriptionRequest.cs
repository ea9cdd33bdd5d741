using System.Globalization;
using System.Text.RegularExpressions;
using BriefingBot.Core.Subscriptions;

namespace BriefingBot.Dialogs.Subscriptions;

/// <summary>What a subscription message said: time, days, zone, topics and whether it is for the whole conversation.</summary>
/// <param name="Error">A message for the user when a time or time zone was given but is not valid.</param>
/// <param name="ErrorField">"time" or "zone": what to ask for again.</param>
public sealed record SubscriptionRequest(
    TimeOnly? Time,
    string? Days,
    string? TimeZone,
    IReadOnlyList<string> Topics,
    bool ForConversation,
    string? Error = null,
    string? ErrorField = null);

/// <summary>
/// Reads "subscribe me to a daily briefing at 7:30 on defense and Asia weekdays only", "subscribe this channel at
/// 9:00", "change my briefing to 8 pm Europe/Berlin". Each part is found and removed in turn: the time zone, the
/// audience, the days, the time; what follows "on"/"about" in the rest are the topics.
/// </summary>
public static partial class SubscriptionRequestParser
{
    public const string TimeHelp = "Say a time of day such as 7:30, 07:30 or 6 pm.";
    public const string ZoneHelp = "Use an IANA time zone name such as Europe/Berlin, America/New_York or Asia/Tokyo (or UTC).";

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    [GeneratedRegex(@"(?:\b(?:in|time ?zone)\s+)?(?<zone>\b[A-Z][A-Za-z]+(?:/[A-Z][A-Za-z0-9_+\-]*)+|\bUTC\b|\bGMT\b)")]
    private static partial Regex ZonePattern();

    [GeneratedRegex(@"\b(?:this|the|our)\s+(?:channel|chat|team|group|group chat|conversation|room)\b|\b(?:us|everyone|everybody)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConversationPattern();

    [GeneratedRegex(@"\b(?:on\s+|every\s+)?(?:weekdays|week days|workdays|working days|business days|monday\s*(?:to|through|-)\s*friday|mon\s*-\s*fri)(?:\s+only)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeekdaysPattern();

    [GeneratedRegex(@"\b(?:on\s+|at\s+)?(?:the\s+)?weekends?(?:\s+only)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeekendsPattern();

    [GeneratedRegex(@"\b(?:(?:on|every)\s+)?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?:\s+only)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayNamePattern();

    [GeneratedRegex(@"\b(?:(?:at|to|for)\s+)?(?:(?<noon>noon|midday|midnight)|(?<h>\d{1,3})\s*(?:[:.h]\s*(?<m>\d{1,2}))?\s*(?<ap>[ap]\.?\s?m\b\.?)?)", RegexOptions.IgnoreCase)]
    private static partial Regex TimeCandidatePattern();

    [GeneratedRegex(@"\b(?:on|about|covering|regarding)\s+(?<topics>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicsPattern();

    [GeneratedRegex(@"\s*(?:,|\band\b|&|\+|;)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TopicSeparator();

    public static SubscriptionRequest Parse(string text)
    {
        var rest = " " + text.Trim().TrimEnd('.', '!', '?') + " ";

        string? zone = null;
        string? error = null;
        string? errorField = null;
        var zoneMatch = ZonePattern().Match(rest);
        if (zoneMatch.Success)
        {
            var name = zoneMatch.Groups["zone"].Value;
            if (BriefingSchedule.IsKnownZone(name, out var canonical))
            {
                zone = canonical;
            }
            else
            {
                (error, errorField) = ($"I don't know the time zone “{name}”. {ZoneHelp}", "zone");
            }

            rest = rest.Remove(zoneMatch.Index, zoneMatch.Length);
        }

        var forConversation = false;
        var audience = ConversationPattern().Match(rest);
        if (audience.Success)
        {
            forConversation = true;
            rest = rest.Remove(audience.Index, audience.Length);
        }

        string? days = null;
        if (Take(WeekdaysPattern(), ref rest))
        {
            days = BriefingSchedule.Weekdays;
        }
        else if (Take(WeekendsPattern(), ref rest))
        {
            days = BriefingSchedule.Weekends;
        }
        else
        {
            var named = DayNamePattern().Matches(rest).Select(m => Array.IndexOf(DayNames, m.Groups["day"].Value.ToLowerInvariant())).Distinct().Order().ToList();
            if (named.Count > 0)
            {
                days = string.Join(',', named.Select(d => d.ToString(CultureInfo.InvariantCulture)));
                rest = DayNamePattern().Replace(rest, " ");
            }
            else if (Regex.IsMatch(rest, @"\b(?:every day|daily|each day)\b", RegexOptions.IgnoreCase))
            {
                days = BriefingSchedule.EveryDay;
            }
        }

        TimeOnly? time = null;
        foreach (Match candidate in TimeCandidatePattern().Matches(rest))
        {
            // A bare number counts as a time only after "at"/"to" or with am/pm ("briefing 3" names a subscription).
            var explicitTime = candidate.Groups["noon"].Success || candidate.Groups["m"].Success || candidate.Groups["ap"].Success
                || Regex.IsMatch(candidate.Value, @"^\s*(?:at|to|for)\s", RegexOptions.IgnoreCase);
            if (!explicitTime)
            {
                continue;
            }

            if (TryReadTime(candidate, out var parsed))
            {
                time = parsed;
            }
            else
            {
                // A bad time is asked for again first; a bad zone after it.
                (error, errorField) = ($"“{candidate.Value.Trim()}” isn't a time of day. {TimeHelp}", "time");
            }

            rest = rest.Remove(candidate.Index, candidate.Length);
            break;
        }

        var topics = new List<string>();
        var topicMatch = TopicsPattern().Match(rest);
        if (topicMatch.Success)
        {
            topics.AddRange(TopicSeparator().Split(topicMatch.Groups["topics"].Value)
                .Select(t => t.Trim(' ', '.', '"', '\'', '“', '”'))
                .Where(t => t.Length > 0 && !IsFiller(t)));
        }

        return new SubscriptionRequest(time, days, zone, topics, forConversation, error, errorField);
    }

    /// <summary>Reads an answer to "what time?": also accepts a bare hour ("7").</summary>
    public static bool TryParseTime(string text, out TimeOnly time, out string error)
    {
        error = $"“{text.Trim()}” isn't a time of day. {TimeHelp}";
        time = default;
        var match = TimeCandidatePattern().Match(text.Trim());
        return match.Success && match.Length >= text.Trim().Length - 1 && TryReadTime(match, out time);
    }

    private static bool TryReadTime(Match match, out TimeOnly time)
    {
        time = default;
        if (match.Groups["noon"].Success)
        {
            time = match.Groups["noon"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? new TimeOnly(0, 0) : new TimeOnly(12, 0);
            return true;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["m"].Success && match.Groups["m"].Value.Length != 2)
        {
            return false;
        }

        if (match.Groups["ap"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            var pm = match.Groups["ap"].Value.StartsWith('p') || match.Groups["ap"].Value.StartsWith('P');
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static bool Take(Regex pattern, ref string text)
    {
        var match = pattern.Match(text);
        if (!match.Success)
        {
            return false;
        }

        text = text.Remove(match.Index, match.Length);
        return true;
    }

    private static bool IsFiller(string topic) =>
        topic.ToLowerInvariant() is "news" or "the news" or "stories" or "everything" or "all" or "all topics" or "only";
}
