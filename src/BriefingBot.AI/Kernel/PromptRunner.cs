using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkKernel = Microsoft.SemanticKernel.Kernel;

namespace BriefingBot.AI.Kernel;

/// <summary>
/// Runs the embedded prompt templates (Kernel/Prompts/*.txt) on the kernel within Ai:Timeout, reads the JSON
/// reply, and keeps the data given to the model within a token budget.
/// </summary>
internal sealed class PromptRunner(SkKernel kernel, IOptions<AiOptions> options, ILogger<PromptRunner> logger)
{
    // GPT-4o's tokenizer (o200k_base, from the served Microsoft.ML.Tokenizers data package) as the budget's yardstick;
    // other models' tokenizers differ by a few percent, which the budget's margin absorbs.
    private static readonly Lazy<Tokenizer> Tokens = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public TimeSpan Timeout => options.Value.Timeout;

    /// <summary>
    /// Invokes <paramref name="prompt"/> within Ai:Timeout; null when the model is too slow, fails or does not
    /// reply with JSON — the log then says why, and the caller uses its offline engine.
    /// </summary>
    /// <param name="task">What the model was asked to do, for the log ("answer", "summarize"...).</param>
    public async Task<JsonDocument?> TryInvokeJsonAsync(string prompt, KernelArguments arguments, string task, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await InvokeJsonAsync(prompt, arguments, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The model did not {Task} within {TimeoutMs} ms; the offline engine is used", task, Timeout.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or KernelException or JsonException)
        {
            logger.LogWarning(ex, "The model failed to {Task} ({Reason}); the offline engine is used", task, ex.Message);
        }

        return null;
    }

    /// <summary>Invokes <paramref name="prompt"/> and returns the JSON object in the reply.</summary>
    /// <exception cref="JsonException">The reply holds no JSON object.</exception>
    private async Task<JsonDocument> InvokeJsonAsync(string prompt, KernelArguments arguments, CancellationToken cancellationToken)
    {
        arguments.ExecutionSettings = new Dictionary<string, PromptExecutionSettings>
        {
            [PromptExecutionSettings.DefaultServiceId] = new OpenAIPromptExecutionSettings
            {
                Temperature = 0,
                MaxTokens = 500,

                // The news plugin's tools are offered; citations still have to name the passages given here.
                FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            },
        };
        var result = await kernel.InvokePromptAsync(Load(prompt), arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        var reply = (result.GetValue<string>() ?? string.Empty).Trim();
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            throw new JsonException("The model did not reply with a JSON object.");
        }

        return JsonDocument.Parse(reply[start..(end + 1)]);
    }

    /// <summary>How many of <paramref name="texts"/>, in order, fit in Ai:MaxPromptTokens (at least one).</summary>
    public int FittingCount(IReadOnlyList<string> texts)
    {
        var budget = options.Value.MaxPromptTokens;
        var used = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            used += Tokens.Value.CountTokens(texts[i]);
            if (used > budget)
            {
                return Math.Max(1, i);
            }
        }

        return texts.Count;
    }

    /// <summary>Article text as inert data: markup characters escaped so it can never close its block.</summary>
    public static string Data(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Load(string name)
    {
        var resource = $"BriefingBot.AI.Kernel.Prompts.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded prompt {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
