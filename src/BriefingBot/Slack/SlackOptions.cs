namespace BriefingBot.Slack;

/// <summary>The <c>Slack</c> section: the native Slack Events API integration (for teams without Azure Bot Service).</summary>
internal sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret; requests are verified with it. Empty disables the Slack endpoints (404).</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The bot token (xoxb-…) for chat.postMessage; environment or user secrets only.</summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>Slack's Web API base; tests point it at a loopback server.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>How old a signed request may be before it is refused (Slack recommends five minutes).</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest request body accepted from Slack.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);
}
