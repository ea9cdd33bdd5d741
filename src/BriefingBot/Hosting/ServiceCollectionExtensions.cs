using BriefingBot.AI;
using BriefingBot.Core;
using BriefingBot.Dialogs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Hosting;

internal static class ServiceCollectionExtensions
{
    /// <summary>Everything every mode needs: the store, ingestion, the engines and the bot.</summary>
    public static IServiceCollection AddBriefingBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingCore(configuration).AddBriefingAI(configuration).AddBriefingDialogs();
        services.AddSingleton<SampleLoader>();
        return services;
    }
}
