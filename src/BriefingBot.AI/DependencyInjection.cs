using BriefingBot.AI.Offline;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Briefings;
using BriefingBot.Core.Search;
using BriefingBot.Core.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.AI;

public static class DependencyInjection
{
    /// <summary>The embedding model and the answering and summarizing engines chosen by the Ai section.</summary>
    public static IServiceCollection AddBriefingAI(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>().Bind(configuration.GetSection(AiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddSingleton<IAnswerService, ExtractiveAnswerService>();
        services.AddSingleton<ISummaryService, ExtractiveSummaryService>();
        services.AddSingleton<IBriefingComposer, ExtractiveBriefingComposer>();
        return services;
    }
}
