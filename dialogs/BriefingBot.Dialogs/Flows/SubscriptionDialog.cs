using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BriefingBot.Core.Briefings;
using BriefingBot.Core.Subscriptions;
using BriefingBot.Dialogs.Rendering;
using BriefingBot.Dialogs.Stack;
using BriefingBot.Dialogs.Subscriptions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace BriefingBot.Dialogs.Flows;

/// <summary>
/// Daily briefing subscriptions: subscribe (asking for a missing or bad time, and for the time zone once per user
/// when the client sends none), list, change, pause, resume, unsubscribe, and "send my briefing now".
/// </summary>
public sealed partial class SubscriptionDialog(
    ISubscriptionStore subscriptions,
    IBriefingComposer composer,
    ReplyRendererSelector renderers,
    UserState userState,
    IOptions<BriefingsOptions> options,
    TimeProvider time) : InterruptibleDialog
{
    public const string DialogId = "subscriptions";

    private const string Step = "step";
    private const string Attempts = "attempts";
    private const int MaxAttempts = 3;

    private readonly IStatePropertyAccessor<string> _userZone = userState.CreateProperty<string>("TimeZone");

    public override string Id => DialogId;

    protected override string HelpText => "I'm setting up your daily briefing and need a time (like 7:30) or a time zone (like Europe/Berlin).";

    [GeneratedRegex(@"^(?:please\s+)?(?<verb>unsubscribe|subscribe|pause|resume|list|show|my|our|change|move|set|reschedule|update|send|stop|cancel)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VerbPattern();

    /// <summary>"#3", "briefing 3", "subscription 3", or a lone number ("pause 3"); never a time such as "8:00".</summary>
    [GeneratedRegex(@"(?:#|\b(?:briefing|subscription|number|no\.?)\s+#?|^\s*)(?<id>\d{1,9})\b(?![:.]\d|\s*[ap]\.?m\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    public override async Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken)
    {
        var text = argument.Trim();
        var verb = VerbPattern().Match(text) is { Success: true } m ? m.Groups["verb"].Value.ToLowerInvariant() : "subscribe";
        switch (verb)
        {
            case "subscribe":
                return await SubscribeAsync(context, SubscriptionRequestParser.Parse(StripVerb(text)), cancellationToken).ConfigureAwait(false);
            case "unsubscribe" or "stop" or "cancel":
                await RemoveAsync(context, text, cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
            case "pause":
                await SetStatusAsync(context, text, SubscriptionStatus.Paused, cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
            case "resume":
                await SetStatusAsync(context, text, SubscriptionStatus.Active, cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
            case "send":
                await SendNowAsync(context, text, cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
            case "change" or "move" or "set" or "reschedule" or "update":
                await ChangeAsync(context, text, cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
            default:
                await ListAsync(context, cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
        }
    }

    protected override async Task<DialogStatus> OnContinueAsync(DialogContext context, CancellationToken cancellationToken)
    {
        var frame = context.Frame!;
        var pending = JsonConvert.DeserializeObject<SubscriptionRequest>(frame.Values["request"])!;
        var attempts = int.Parse(frame.Values.GetValueOrDefault(Attempts, "0"), CultureInfo.InvariantCulture) + 1;
        frame.Values[Attempts] = attempts.ToString(CultureInfo.InvariantCulture);
        if (frame.Values[Step] == "time")
        {
            if (!SubscriptionRequestParser.TryParseTime(context.Text, out var parsed, out var error))
            {
                return await RepromptAsync(context, error + " What time should the briefing arrive?", attempts, cancellationToken).ConfigureAwait(false);
            }

            pending = pending with { Time = parsed };
        }
        else
        {
            if (!BriefingSchedule.IsKnownZone(context.Text.Trim(), out var zone))
            {
                return await RepromptAsync(context, $"I don't know the time zone “{context.Text.Trim()}”. {SubscriptionRequestParser.ZoneHelp}", attempts, cancellationToken).ConfigureAwait(false);
            }

            await _userZone.SetAsync(context.Turn, zone, cancellationToken).ConfigureAwait(false);
            pending = pending with { TimeZone = zone };
        }

        frame.Values.Remove(Attempts);
        return await SubscribeAsync(context, pending, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogStatus> RepromptAsync(DialogContext context, string message, int attempts, CancellationToken cancellationToken)
    {
        if (attempts >= MaxAttempts)
        {
            await context.Turn.SendActivityAsync("Let's leave it for now — say \"subscribe me at 7:30\" whenever you like.", cancellationToken: cancellationToken).ConfigureAwait(false);
            return DialogStatus.Complete;
        }

        await context.Turn.SendActivityAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DialogStatus.Waiting;
    }

    private async Task<DialogStatus> SubscribeAsync(DialogContext context, SubscriptionRequest request, CancellationToken cancellationToken)
    {
        if (request.Error is not null)
        {
            // Keep what was understood, and ask again for the part that was wrong.
            await context.Turn.SendActivityAsync(request.Error + (request.ErrorField == "time" ? " What time should the briefing arrive?" : string.Empty), cancellationToken: cancellationToken).ConfigureAwait(false);
            return Wait(context, request with { Error = null, ErrorField = null }, request.ErrorField!);
        }

        if (request.Time is null)
        {
            await context.Turn.SendActivityAsync("What time should the briefing arrive? (for example 7:30 or 6 pm)", cancellationToken: cancellationToken).ConfigureAwait(false);
            return Wait(context, request, "time");
        }

        var zone = request.TimeZone ?? await KnownZoneAsync(context, cancellationToken).ConfigureAwait(false);
        if (zone is null)
        {
            await context.Turn.SendActivityAsync("Which time zone are you in? (an IANA name such as Europe/Berlin, America/New_York or Asia/Tokyo, or UTC) I'll remember it.", cancellationToken: cancellationToken).ConfigureAwait(false);
            return Wait(context, request, "zone");
        }

        var activity = context.Turn.Activity;
        var schedule = new BriefingSchedule(request.Time.Value, request.Days ?? BriefingSchedule.EveryDay, zone);
        var now = time.GetUtcNow();
        var userId = request.ForConversation ? null : activity.From?.Id;
        var existing = (await subscriptions.ListAsync(activity.ChannelId, activity.Conversation.Id, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => s.UserId == userId && s.Schedule.LocalTime == schedule.LocalTime);
        var subscription = new Subscription
        {
            Id = existing?.Id ?? 0,
            ChannelId = activity.ChannelId,
            ConversationId = activity.Conversation.Id,
            UserId = userId,
            UserName = request.ForConversation ? activity.Conversation.Name : activity.From?.Name,
            Reference = ReferenceFor(activity),
            Schedule = schedule,
            Topics = request.Topics,
            CreatedAt = existing?.CreatedAt ?? now,
            NextDue = schedule.NextAfter(now),
            LastDelivered = existing?.LastDelivered,
        };
        if (existing is null)
        {
            subscription = await subscriptions.AddAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await subscriptions.UpdateAsync(subscription, cancellationToken).ConfigureAwait(false);
        }

        var who = request.ForConversation ? "This conversation gets" : "You'll get";
        await SendMarkdownAsync(
            context,
            $"Subscribed (#{subscription.Id}). {who} a briefing {Describe(subscription)}. The first one arrives {Local(subscription.NextDue!.Value, schedule)}.\n\n" +
            "Say \"my subscriptions\" to see it, \"change my briefing to 8:00\", \"pause\" or \"unsubscribe\".",
            cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }

    /// <summary>The conversation's reference without the message id, so briefings arrive as new messages, not replies.</summary>
    private static string ReferenceFor(IActivity activity)
    {
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        return JsonConvert.SerializeObject(reference);
    }

    private async Task<string?> KnownZoneAsync(DialogContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.Activity.LocalTimezone is { } client && BriefingSchedule.IsKnownZone(client, out var fromClient))
        {
            await _userZone.SetAsync(context.Turn, fromClient, cancellationToken).ConfigureAwait(false);
            return fromClient;
        }

        var remembered = await _userZone.GetAsync(context.Turn, () => string.Empty, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(remembered))
        {
            return remembered;
        }

        return options.Value.DefaultTimeZone is { } fallback && BriefingSchedule.IsKnownZone(fallback, out var configured) ? configured : null;
    }

    private static DialogStatus Wait(DialogContext context, SubscriptionRequest request, string step)
    {
        context.Frame!.Values["request"] = JsonConvert.SerializeObject(request);
        context.Frame.Values[Step] = step;
        return DialogStatus.Waiting;
    }

    private async Task ListAsync(DialogContext context, CancellationToken cancellationToken)
    {
        var mine = await MineAsync(context, context.Turn.Activity.Text ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (mine.Count == 0)
        {
            await context.Turn.SendActivityAsync("You have no briefing subscriptions here. Say \"subscribe me to a daily briefing at 7:30\" to start one.", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var text = new StringBuilder("**Briefing subscriptions here:**\n");
        foreach (var s in mine)
        {
            text.Append("- #").Append(s.Id).Append(s.IsForConversation ? " (this conversation) " : " ").Append(Describe(s)).Append(" — ").Append(Status(s)).Append('\n');
        }

        await SendMarkdownAsync(context, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task ChangeAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var target = await SingleTargetAsync(context, text, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return;
        }

        var request = SubscriptionRequestParser.Parse(StripVerb(text));
        if (request.Error is not null)
        {
            await context.Turn.SendActivityAsync(request.Error + " Nothing was changed.", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.Time is null && request.Days is null && request.TimeZone is null && request.Topics.Count == 0)
        {
            await context.Turn.SendActivityAsync("What should change? For example \"change my briefing to 8:00\", \"… to weekdays only\" or \"… on tech and Europe\".", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var schedule = new BriefingSchedule(request.Time ?? target.Schedule.LocalTime, request.Days ?? target.Schedule.Days, request.TimeZone ?? target.Schedule.TimeZone);
        var updated = target with
        {
            Schedule = schedule,
            Topics = request.Topics.Count > 0 ? request.Topics : target.Topics,
            NextDue = target.Status == SubscriptionStatus.Active ? schedule.NextAfter(time.GetUtcNow()) : target.NextDue,
        };
        await subscriptions.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        var next = updated.NextDue is { } due && updated.Status == SubscriptionStatus.Active ? $" The next one arrives {Local(due, schedule)}." : string.Empty;
        await SendMarkdownAsync(context, $"Changed #{updated.Id}: a briefing {Describe(updated)}.{next}", cancellationToken).ConfigureAwait(false);
    }

    private async Task SetStatusAsync(DialogContext context, string text, SubscriptionStatus status, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(context, text, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var lines = new List<string>();
        foreach (var s in targets)
        {
            var updated = s with
            {
                Status = status,
                StatusReason = null,
                NextDue = status == SubscriptionStatus.Active ? s.Schedule.NextAfter(now) : null,
            };
            await subscriptions.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
            lines.Add(status == SubscriptionStatus.Active
                ? $"Resumed #{s.Id}: next briefing {Local(updated.NextDue!.Value, s.Schedule)}."
                : $"Paused #{s.Id} ({Describe(s)}). Say \"resume\" to start it again.");
        }

        await context.Turn.SendActivityAsync(string.Join("\n\n", lines), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(context, text, cancellationToken).ConfigureAwait(false);
        foreach (var s in targets)
        {
            await subscriptions.RemoveAsync(s.Id, cancellationToken).ConfigureAwait(false);
        }

        if (targets.Count > 0)
        {
            await context.Turn.SendActivityAsync(
                $"Unsubscribed: {string.Join(", ", targets.Select(s => "#" + s.Id.ToString(CultureInfo.InvariantCulture)))}. No more briefings from {(targets.Count == 1 ? "it" : "them")}.",
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendNowAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var target = (await MineAsync(context, text, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var now = time.GetUtcNow();
        var since = target?.LastDelivered ?? now.AddDays(-1);
        var briefing = await composer.ComposeAsync(new BriefingRequest(since, now, target?.Topics ?? []), cancellationToken).ConfigureAwait(false);
        var scheduled = target is null ? null : new ScheduledBriefing(target.Id, target.Schedule.Describe());
        await context.Turn.SendActivitiesAsync([.. renderers.For(context.Turn.Activity.ChannelId).RenderBriefing(briefing, scheduled)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one subscription a change applies to: the numbered one, or the only one; otherwise explains.</summary>
    private async Task<Subscription?> SingleTargetAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(context, text, cancellationToken).ConfigureAwait(false);
        if (targets.Count > 1)
        {
            await context.Turn.SendActivityAsync(
                $"You have {targets.Count} subscriptions here ({string.Join(", ", targets.Select(s => "#" + s.Id.ToString(CultureInfo.InvariantCulture)))}); say which, e.g. \"change briefing {targets[0].Id} to 8:00\".",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }

        return targets.FirstOrDefault();
    }

    /// <summary>The subscriptions a command applies to, or an explanation sent to the user and an empty list.</summary>
    private async Task<IReadOnlyList<Subscription>> TargetsAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var all = await subscriptions.ListAsync(context.Turn.Activity.ChannelId, context.Turn.Activity.Conversation.Id, cancellationToken).ConfigureAwait(false);
        var number = NumberPattern().Match(StripVerb(text));
        if (number.Success)
        {
            var id = long.Parse(number.Groups["id"].Value, CultureInfo.InvariantCulture);
            var named = all.FirstOrDefault(s => s.Id == id);
            if (named is null)
            {
                await context.Turn.SendActivityAsync($"There is no subscription #{id} in this conversation. Say \"my subscriptions\" to see them.", cancellationToken: cancellationToken).ConfigureAwait(false);
                return [];
            }

            return [named];
        }

        var mine = Mine(all, context.Turn.Activity, text);
        if (mine.Count == 0)
        {
            await context.Turn.SendActivityAsync("You have no briefing subscriptions here. Say \"subscribe me to a daily briefing at 7:30\" to start one.", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return mine;
    }

    /// <summary>
    /// The user's own subscriptions in this conversation; "this channel" (or having none of one's own) means the
    /// conversation's.
    /// </summary>
    private async Task<IReadOnlyList<Subscription>> MineAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var activity = context.Turn.Activity;
        return Mine(await subscriptions.ListAsync(activity.ChannelId, activity.Conversation.Id, cancellationToken).ConfigureAwait(false), activity, text);
    }

    private static IReadOnlyList<Subscription> Mine(IReadOnlyList<Subscription> all, IActivity activity, string text)
    {
        var channelWide = SubscriptionRequestParser.Parse(text).ForConversation;
        var own = all.Where(s => channelWide ? s.IsForConversation : s.UserId == activity.From?.Id).ToList();
        return own.Count > 0 ? own : all.Where(s => s.IsForConversation).ToList();
    }

    private static string Describe(Subscription s)
    {
        var topics = s.Topics.Count == 0 ? string.Empty : " on " + string.Join(", ", s.Topics);
        return s.Schedule.Describe() + topics;
    }

    private string Status(Subscription s) => s.Status switch
    {
        SubscriptionStatus.Active when s.NextDue is { } next => "next " + Local(next, s.Schedule),
        SubscriptionStatus.Paused => "paused",
        SubscriptionStatus.Inactive => "stopped: " + (s.StatusReason ?? "no reason recorded"),
        _ => s.Status.ToString().ToLowerInvariant(),
    } + (s.LastDelivered is { } last ? $"; last sent {Local(last, s.Schedule)}" : string.Empty);

    /// <summary>"Thu 26 Nov 07:30" in the schedule's zone, or "today at 07:30" / "tomorrow at 07:30".</summary>
    private string Local(DateTimeOffset instant, BriefingSchedule schedule)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Date;
        var clock = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return (local.Date - today).Days switch
        {
            0 => $"today at {clock}",
            1 => $"tomorrow at {clock}",
            _ => local.ToString("ddd d MMM", CultureInfo.InvariantCulture) + " at " + clock,
        };
    }

    private static string StripVerb(string text) =>
        Regex.Replace(text, @"^(?:please\s+)?(?:un)?subscribe\b|^(?:please\s+)?(?:change|move|set|reschedule|update|pause|resume|stop|cancel)\b", string.Empty, RegexOptions.IgnoreCase).Trim();

    private static Task SendMarkdownAsync(DialogContext context, string text, CancellationToken cancellationToken)
    {
        var reply = MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        return context.Turn.SendActivityAsync(reply, cancellationToken);
    }
}
