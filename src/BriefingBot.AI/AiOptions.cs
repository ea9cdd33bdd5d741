using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace BriefingBot.AI;

/// <summary>The <c>Ai</c> configuration section.</summary>
public sealed class AiOptions
{
    public const string SectionName = "Ai";

    /// <summary>Offline (default: MiniLM and extractive engines, no key), OpenAI, AzureOpenAI or Ollama.</summary>
    [Required]
    [RegularExpression("^(?i)(Offline|OpenAI|AzureOpenAI|Ollama)$", ErrorMessage = "Ai:Provider must be Offline, OpenAI, AzureOpenAI or Ollama.")]
    public string Provider { get; set; } = "Offline";

    /// <summary>The service's base address: required for AzureOpenAI and Ollama (its OpenAI-compatible /v1 endpoint), optional for OpenAI.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The chat model (for Azure OpenAI, the deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>From the environment or user secrets only (Ai__ApiKey), never from the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long to wait for the model before the offline engine answers instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Optional embedding model of the provider; the offline MiniLM vectors are used for retrieval in every mode.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>The most tokens of article text one request carries (passages or sentences beyond it are left out).</summary>
    [Range(200, 200_000)]
    public int MaxPromptTokens { get; set; } = 3000;

    /// <summary>Whether the offline engine reads the candidate sentences with the question through MiniLM (more accurate spans, ~70 ms per question).</summary>
    public bool Reader { get; set; } = true;

    /// <summary>How long a question waits for the reader while another is being read; beyond it the span ranker answers alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan ReaderWait { get; set; } = TimeSpan.FromMilliseconds(50);

    public bool IsOffline => Provider.Equals("Offline", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the settings each provider needs, with messages that say what to set.</summary>
    internal sealed class Validator : IValidateOptions<AiOptions>
    {
        public ValidateOptionsResult Validate(string? name, AiOptions options)
        {
            if (options.IsOffline)
            {
                return ValidateOptionsResult.Success;
            }

            var failures = new List<string>();
            var provider = options.Provider.ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(options.Model))
            {
                failures.Add($"Ai:Model is required for Ai:Provider={options.Provider} (the chat model or Azure deployment name).");
            }

            if (provider is "azureopenai" or "ollama" && string.IsNullOrWhiteSpace(options.Endpoint))
            {
                failures.Add($"Ai:Endpoint is required for Ai:Provider={options.Provider}" + (provider == "ollama" ? " (e.g. http://localhost:11434/v1)." : "."));
            }

            if (options.Endpoint is { Length: > 0 } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            {
                failures.Add($"Ai:Endpoint is not an absolute URL: {endpoint}");
            }

            if (provider is "openai" or "azureopenai" && string.IsNullOrWhiteSpace(options.ApiKey))
            {
                failures.Add($"Ai:ApiKey is required for Ai:Provider={options.Provider}; set it in the environment (Ai__ApiKey) or user secrets.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
