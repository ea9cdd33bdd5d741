using BriefingBot.AI.Kernel;
using BriefingBot.AI.Offline;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Briefings;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BriefingBot.AI;

public static class DependencyInjection
{
    /// <summary>The embedding model and the answering, summarizing and briefing engines chosen by the Ai section.</summary>
    public static IServiceCollection AddBriefingAI(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>().Bind(configuration.GetSection(AiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiOptions>, AiOptions.Validator>();
        services.AddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddSingleton<ExtractiveAnswerService>();
        services.AddSingleton<ExtractiveSummaryService>();
        services.AddSingleton(sp => new ExtractiveBriefingComposer(
            sp.GetRequiredService<IArticleStore>(), sp.GetRequiredService<ExtractiveSummaryService>(), sp.GetRequiredService<ITextEmbedder>()));

        var provider = configuration[$"{AiOptions.SectionName}:{nameof(AiOptions.Provider)}"];
        if (string.IsNullOrEmpty(provider) || provider.Equals("Offline", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IAnswerService>(sp => sp.GetRequiredService<ExtractiveAnswerService>());
            services.AddSingleton<ISummaryService>(sp => sp.GetRequiredService<ExtractiveSummaryService>());
            services.AddSingleton<IBriefingComposer>(sp => sp.GetRequiredService<ExtractiveBriefingComposer>());
        }
        else
        {
            // 429 and 5xx from the model are retried with exponential backoff, honouring Retry-After; Ai:Timeout
            // still bounds the whole exchange, after which the offline engine answers.
            services.AddHttpClient(KernelFactory.HttpClientName).AddResilienceHandler("llm", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldRetryAfterHeader = true,
            }));
            services.AddSingleton(KernelFactory.Create);
            services.AddSingleton<PromptRunner>();
            services.AddSingleton<Kernel.Plugins.NewsPlugin>();
            services.AddSingleton<IAnswerService, KernelAnswerService>();
            services.AddSingleton<ISummaryService, KernelSummaryService>();

            // The offline composer picks and ranks the stories with offline one-liners; one request rewrites them.
            services.AddSingleton<IBriefingComposer, KernelBriefingComposer>();
        }

        return services;
    }
}
