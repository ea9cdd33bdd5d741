using System.ComponentModel.DataAnnotations;

namespace BriefingBot.Core.Subscriptions;

/// <summary>The <c>Briefings</c> configuration section: scheduled daily briefings.</summary>
public sealed class BriefingsOptions
{
    public const string SectionName = "Briefings";

    /// <summary>Whether this instance runs the scheduler (every instance may; leases keep deliveries single).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>Time zone used when the client sends none and the user has not named one; empty means ask.</summary>
    public string? DefaultTimeZone { get; set; }

    /// <summary>How often the scheduler looks for due briefings.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A briefing missed while the bot was down is still sent when it is at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan GraceWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an instance holds a claimed delivery before another may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Send attempts per claim on 429 and 5xx answers from the channel, with exponential backoff.</summary>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>First backoff between send attempts (doubled each time; a Retry-After header wins).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a failed claim, when the scheduler tries again (within the grace window).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(5);
}
