using System.ComponentModel.DataAnnotations;

namespace BriefingBot.AI;

/// <summary>The <c>Ai</c> configuration section.</summary>
public sealed class AiOptions
{
    public const string SectionName = "Ai";

    /// <summary>Offline (default: MiniLM and extractive engines, no key needed).</summary>
    [Required]
    [RegularExpression("^(?i)(Offline)$", ErrorMessage = "Ai:Provider must be Offline in this version; LLM providers (OpenAI, AzureOpenAI, Ollama) arrive with the Semantic Kernel engine.")]
    public string Provider { get; set; } = "Offline";

    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }
}
