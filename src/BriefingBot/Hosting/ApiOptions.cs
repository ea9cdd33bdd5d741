using System.ComponentModel.DataAnnotations;

namespace BriefingBot.Hosting;

/// <summary>The <c>Api</c> configuration section: limits of the HTTP endpoints.</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted on /api/messages, in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Messages one conversation may send at once before it is slowed down (token bucket size).</summary>
    [Range(1, 10_000)]
    public int ConversationBurst { get; set; } = 10;

    /// <summary>Messages per minute one conversation may keep sending; more get 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int ConversationMessagesPerMinute { get; set; } = 30;
}
