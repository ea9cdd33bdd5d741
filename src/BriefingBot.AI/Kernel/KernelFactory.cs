using BriefingBot.AI.Kernel.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using SkKernel = Microsoft.SemanticKernel.Kernel;

namespace BriefingBot.AI.Kernel;

/// <summary>Builds the Semantic Kernel for the configured provider (OpenAI, Azure OpenAI, or Ollama's OpenAI-compatible API).</summary>
internal static class KernelFactory
{
    public const string HttpClientName = "BriefingBot.Llm";

    public static SkKernel Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AiOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);

        // The kernel's own timeout is ours (Ai:Timeout, with the offline fallback), not HttpClient's 100 s.
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        var builder = SkKernel.CreateBuilder();
        switch (options.Provider.ToLowerInvariant())
        {
            case "azureopenai":
                builder.AddAzureOpenAIChatCompletion(options.Model!, options.Endpoint!, options.ApiKey!, httpClient: http);
                break;
            case "ollama":
#pragma warning disable SKEXP0010 // A custom endpoint for an OpenAI-compatible server is marked experimental.
                builder.AddOpenAIChatCompletion(options.Model!, new Uri(options.Endpoint!), options.ApiKey ?? "ollama", httpClient: http);
                break;
            default:
                if (options.Endpoint is { Length: > 0 } endpoint)
                {
                    builder.AddOpenAIChatCompletion(options.Model!, new Uri(endpoint), options.ApiKey, httpClient: http);
                }
                else
                {
                    builder.AddOpenAIChatCompletion(options.Model!, options.ApiKey!, httpClient: http);
                }
#pragma warning restore SKEXP0010

                break;
        }

        builder.Plugins.AddFromObject(services.GetRequiredService<NewsPlugin>(), "news");
        return builder.Build();
    }
}
