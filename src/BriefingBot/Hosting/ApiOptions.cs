using System.ComponentModel.DataAnnotations;

namespace BriefingBot.Hosting;

/// <summary>The <c>Api</c> configuration section: limits of the HTTP endpoints.</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted on /api/messages, in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 256 * 1024;
}
