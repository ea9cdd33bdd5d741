using System.Text.RegularExpressions;
using BriefingBot.Core.Briefings;
using BriefingBot.Dialogs.Rendering;
using BriefingBot.Dialogs.Stack;

namespace BriefingBot.Dialogs.Flows;

/// <summary>"what's new today", "briefing on tech", "what's new this week about defense and Asia".</summary>
public sealed partial class BriefingDialog(IBriefingComposer composer, ReplyRendererSelector renderers, TimeProvider time) : Dialog
{
    public const string DialogId = "briefing";

    public override string Id => DialogId;

    [GeneratedRegex(@"\b(?<period>today|yesterday|this week|the week|the last week|past week|this month)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"\b(?:on|about|for|in)\s+(?<topics>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicsPattern();

    public override async Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken)
    {
        var request = Parse(argument, time.GetUtcNow(), ZoneOf(context.Turn.Activity.LocalTimezone));
        var briefing = await composer.ComposeAsync(request, cancellationToken).ConfigureAwait(false);
        var renderer = renderers.For(context.Turn.Activity.ChannelId);
        await context.Turn.SendActivitiesAsync([.. renderer.RenderBriefing(briefing)], cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }

    /// <summary>Reads the period and topics from what the user said; the default period is the last 24 hours.</summary>
    public static BriefingRequest Parse(string argument, DateTimeOffset now, TimeZoneInfo zone)
    {
        var text = argument.Trim().TrimEnd('?', '.', '!');
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(localNow.Date, localNow.Offset);
        var since = now.AddHours(-24);
        var until = now;
        var period = PeriodPattern().Match(text);
        if (period.Success)
        {
            switch (period.Groups["period"].Value.ToLowerInvariant())
            {
                case "today":
                    since = midnight;
                    break;
                case "yesterday":
                    (since, until) = (midnight.AddDays(-1), midnight);
                    break;
                case "this month":
                    since = now.AddDays(-30);
                    break;
                default:
                    since = now.AddDays(-7);
                    break;
            }

            text = text.Remove(period.Index, period.Length);
        }

        var topics = new List<string>();
        var match = TopicsPattern().Match(text);
        if (match.Success)
        {
            topics.AddRange(match.Groups["topics"].Value
                .Split([",", " and ", "&", "/"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(t => t.Length > 0));
        }

        return new BriefingRequest(since, until, topics);
    }

    private static TimeZoneInfo ZoneOf(string? ianaId)
    {
        if (!string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }
}
