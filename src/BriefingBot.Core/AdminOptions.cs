using System.ComponentModel.DataAnnotations;

namespace BriefingBot.Core;

/// <summary>The <c>Admin</c> section: who may manage sources in chat, and the admin HTTP API's key.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// User ids allowed to manage sources in chat: Teams AAD object ids or channel user ids ("29:…"), Slack user ids
    /// ("U0…"). In the Emulator every user is an admin while no Bot:MicrosoftAppId is set (local development).
    /// </summary>
    public List<string> Users { get; set; } = [];

    /// <summary>Key for /api/admin (header X-Api-Key); empty turns the admin API off (404). Environment only.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Largest request body the admin API accepts.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
