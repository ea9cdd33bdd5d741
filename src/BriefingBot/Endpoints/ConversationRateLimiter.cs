using System.Threading.RateLimiting;
using BriefingBot.Hosting;
using Microsoft.Extensions.Options;

namespace BriefingBot.Endpoints;

/// <summary>
/// One token bucket per conversation (System.Threading.RateLimiting), so one chatty conversation cannot take the
/// bot's two cores from the others: Api:ConversationBurst messages at once, then Api:ConversationMessagesPerMinute.
/// </summary>
internal sealed class ConversationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConversationRateLimiter(IOptions<ApiOptions> options)
    {
        var settings = options.Value;
        var period = TimeSpan.FromSeconds(6);
        var perPeriod = Math.Max(1, (int)Math.Round(settings.ConversationMessagesPerMinute / 10.0));
        _limiter = PartitionedRateLimiter.Create<string, string>(conversation => RateLimitPartition.GetTokenBucketLimiter(conversation, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.ConversationBurst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        RetryAfter = period;
    }

    /// <summary>What a refused conversation is told to wait.</summary>
    public TimeSpan RetryAfter { get; }

    public bool TryAcquire(string conversationKey)
    {
        using var lease = _limiter.AttemptAcquire(conversationKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
