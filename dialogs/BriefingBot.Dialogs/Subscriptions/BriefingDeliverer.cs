using BriefingBot.Core.Briefings;
using BriefingBot.Core.Subscriptions;
using BriefingBot.Dialogs.Rendering;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace BriefingBot.Dialogs.Subscriptions;

/// <summary>
/// Delivers one claimed occurrence: composes the stories since the last delivery on the subscription's topics and
/// sends them proactively, retrying throttling and server errors with backoff; decides what the subscription does next.
/// </summary>
public sealed class BriefingDeliverer(
    IBriefingComposer composer,
    ReplyRendererSelector renderers,
    IProactiveSender sender,
    IOptions<BriefingsOptions> options,
    TimeProvider time,
    ILogger<BriefingDeliverer> logger)
{
    /// <summary>The longest period a briefing covers, however long since the last one.</summary>
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(7);

    public async Task<DeliveryResult> DeliverAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        var subscription = claim.Subscription;
        var settings = options.Value;
        var now = time.GetUtcNow();
        var following = subscription.Schedule.NextAfter(now > claim.Occurrence ? now : claim.Occurrence);
        if (claim.PreviouslyStarted)
        {
            logger.LogWarning("Briefing {SubscriptionId} for {Occurrence} was being sent by an instance that stopped; not sent again", subscription.Id, claim.Occurrence);
            return new DeliveryResult(DeliveryStatus.Abandoned, now, following, Detail: "An earlier attempt stopped mid-send; not repeated so it never arrives twice.");
        }

        var late = now - claim.Occurrence;
        if (late > settings.GraceWindow)
        {
            logger.LogInformation("Briefing {SubscriptionId} for {Occurrence} skipped: {Late} late is past the grace window", subscription.Id, claim.Occurrence, late);
            return new DeliveryResult(DeliveryStatus.Missed, now, following, Detail: $"{late:g} late, past the grace window of {settings.GraceWindow:g}.");
        }

        var reference = JsonConvert.DeserializeObject<ConversationReference>(subscription.Reference)
            ?? throw new InvalidOperationException($"Subscription {subscription.Id} has no conversation reference.");
        var since = subscription.LastDelivered ?? claim.Occurrence.AddDays(-1);
        if (now - since > MaxPeriod)
        {
            since = now - MaxPeriod;
        }

        var briefing = await composer.ComposeAsync(new BriefingRequest(since, now, subscription.Topics), cancellationToken).ConfigureAwait(false);
        var activities = renderers.For(subscription.ChannelId).RenderBriefing(briefing, new ScheduledBriefing(subscription.Id, subscription.Schedule.Describe()));

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sender.SendAsync(reference, activities, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Briefing {SubscriptionId} sent to {ChannelId}/{ConversationId} with {Items} stories", subscription.Id, subscription.ChannelId, subscription.ConversationId, briefing.Items.Count);
                return new DeliveryResult(DeliveryStatus.Sent, time.GetUtcNow(), following, briefing.Items.Count);
            }
            catch (ProactiveSendException ex) when (ex.ConversationGone)
            {
                var reason = $"The channel refused delivery ({(int?)ex.Status} {ex.Status}): the bot was removed from the conversation or it no longer exists.";
                logger.LogWarning(ex, "Briefing {SubscriptionId} deactivated: {Reason}", subscription.Id, reason);
                return new DeliveryResult(DeliveryStatus.Failed, time.GetUtcNow(), null, Detail: ex.Message, DeactivateReason: reason);
            }
            catch (ProactiveSendException ex) when (ex.IsTransient && attempt < settings.MaxSendAttempts)
            {
                var delay = ex.RetryAfter ?? settings.RetryDelay * Math.Pow(2, attempt - 1);
                logger.LogInformation("Briefing {SubscriptionId}: attempt {Attempt} failed ({Message}); retrying in {Delay}", subscription.Id, attempt, ex.Message, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (ProactiveSendException ex)
            {
                var retryAt = time.GetUtcNow() + settings.RetryAfterFailure;
                logger.LogWarning(ex, "Briefing {SubscriptionId} failed after {Attempt} attempts; next try at {RetryAt}", subscription.Id, attempt, retryAt);
                return new DeliveryResult(DeliveryStatus.Failed, time.GetUtcNow(), null, Detail: ex.Message, RetryAt: retryAt);
            }
        }
    }
}
