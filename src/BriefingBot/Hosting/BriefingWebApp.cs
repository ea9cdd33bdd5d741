using BriefingBot.Bot;
using BriefingBot.Endpoints;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace BriefingBot.Hosting;

/// <summary>The HTTP service: Kestrel, the bot endpoint and the health check.</summary>
internal static class BriefingWebApp
{
    public static WebApplication Build(string? database, string? urls, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        BriefingConfiguration.Apply(builder.Configuration, database);
        configure?.Invoke(builder.Configuration);
        if (!string.IsNullOrWhiteSpace(urls))
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddBriefingBot(builder.Configuration);
        builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp =>
            new ConfigurationBotFrameworkAuthentication(
                sp.GetRequiredService<IConfiguration>().GetSection("Bot"),
                logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>()));
        builder.Services.AddSingleton<BriefingAdapter>();

        var app = builder.Build();
        app.MapBotApi();
        app.MapHealthApi();
        return app;
    }
}
