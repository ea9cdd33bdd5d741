using BriefingBot.Bot;
using BriefingBot.Dialogs.Subscriptions;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace BriefingBot.Slack;

/// <summary>
/// Proactive messages go back the way the conversation came: natively to Slack for conversations begun through
/// /api/slack (their service URL is the Slack Web API), through the CloudAdapter for everything else.
/// </summary>
internal sealed class RoutingProactiveSender(BriefingAdapter cloud, SlackAdapter slack, IConfiguration configuration, IOptions<SlackOptions> options) : IProactiveSender
{
    private readonly AdapterProactiveSender _cloud = new(cloud, configuration);
    private readonly AdapterProactiveSender _slack = new(slack, configuration);

    public Task SendAsync(ConversationReference reference, IReadOnlyList<IActivity> activities, CancellationToken cancellationToken) =>
        (reference.ChannelId == SlackAdapter.ChannelId && string.Equals(reference.ServiceUrl, options.Value.ApiBaseUrl, StringComparison.OrdinalIgnoreCase) ? _slack : _cloud)
            .SendAsync(reference, activities, cancellationToken);
}
