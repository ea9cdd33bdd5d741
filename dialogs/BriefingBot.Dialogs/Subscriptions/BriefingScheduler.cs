using BriefingBot.Core.Subscriptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BriefingBot.Dialogs.Subscriptions;

/// <summary>
/// The hosted scheduler: every poll interval (on <see cref="TimeProvider"/>, so tests control time) it claims the
/// due subscriptions from the store and delivers them. Several instances may run it against one store: a claim is a
/// lease, and each occurrence is recorded once.
/// </summary>
public sealed class BriefingScheduler(
    ISubscriptionStore store,
    BriefingDeliverer deliverer,
    IOptions<BriefingsOptions> options,
    TimeProvider time,
    ILogger<BriefingScheduler> logger) : BackgroundService
{
    private const int ClaimBatch = 10;

    /// <summary>This instance's name in leases and delivery records.</summary>
    public string Instance { get; } = Core.PeriodicWork.NewInstanceName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            logger.LogInformation("The briefing scheduler is disabled on this instance (Briefings:SchedulerEnabled=false)");
            return;
        }

        // A store or composer failure must not stop the schedule; the next tick tries again.
        await Core.PeriodicWork.RunAsync(options.Value.PollInterval, time, RunDueAsync, logger, "briefing scheduler", stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Delivers everything due now; returns how many briefings were sent.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var claims = await store.ClaimDueAsync(time.GetUtcNow(), Instance, options.Value.LeaseDuration, ClaimBatch, cancellationToken).ConfigureAwait(false);
            if (claims.Count == 0)
            {
                return sent;
            }

            foreach (var claim in claims)
            {
                DeliveryResult result;
                using (var span = Core.BriefingTelemetry.Source.StartActivity("deliver briefing"))
                {
                    span?.SetTag("subscription.id", claim.Subscription.Id);
                    result = await deliverer.DeliverAsync(claim, cancellationToken).ConfigureAwait(false);
                    span?.SetTag("delivery.status", result.Status.ToString());
                }

                Core.BriefingTelemetry.Deliveries.Add(1, new KeyValuePair<string, object?>("status", result.Status.ToString().ToLowerInvariant()));
                if (!await store.CompleteAsync(claim, result, cancellationToken).ConfigureAwait(false))
                {
                    logger.LogWarning("Briefing {SubscriptionId}: the lease expired before the delivery was recorded", claim.Subscription.Id);
                }

                if (result.Status == DeliveryStatus.Sent)
                {
                    sent++;
                }
            }
        }
    }
}
