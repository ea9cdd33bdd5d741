using BriefingBot.Bot;
using BriefingBot.Core.Feeds;
using BriefingBot.Dialogs.Subscriptions;
using BriefingBot.Endpoints;
using BriefingBot.Slack;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Http.Resilience;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Polly;

namespace BriefingBot.Hosting;

/// <summary>The HTTP service: Kestrel, the bot endpoint and the health check.</summary>
internal static class BriefingWebApp
{
    /// <summary>The named HttpClient Bot Builder uses for OpenID metadata, signing keys and connector calls.</summary>
    public const string BotFrameworkHttpClient = "BotFramework";

    /// <param name="configure">Extra configuration and service overrides (tests use it for loopback endpoints).</param>
    public static WebApplication Build(string? database, string? urls, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
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
        // Replies and proactive messages are retried when the connector answers 429/5xx or times out (Retry-After
        // honoured): a lost reply is a bug. 4xx other than 408/429 are not retried.
        builder.Services.AddHttpClient(BotFrameworkHttpClient).AddResilienceHandler("connector", pipeline =>
        {
            // Waits between attempts are real time, whatever clock the app's schedules run on.
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                ShouldRetryAfterHeader = true,
            });
        });
        builder.Services.AddSingleton<ServiceClientCredentialsFactory>(sp =>
            new ConfigurationServiceClientCredentialFactory(
                sp.GetRequiredService<IConfiguration>().GetSection("Bot"),
                logger: sp.GetRequiredService<ILogger<ServiceClientCredentialsFactory>>()));
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp =>
            new ConfigurationBotFrameworkAuthentication(
                sp.GetRequiredService<IConfiguration>().GetSection("Bot"),
                credentialsFactory: sp.GetRequiredService<ServiceClientCredentialsFactory>(),
                httpClientFactory: new BotFrameworkHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>()),
                logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>()));
        builder.Services.AddSingleton<BriefingAdapter>();
        builder.Services.AddSingleton<ConversationRateLimiter>();
        builder.Services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<BriefingAdapter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SampleLoader>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BriefingScheduler>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedPoller>());
        builder.Services.AddOptions<SlackOptions>().Bind(builder.Configuration.GetSection(SlackOptions.SectionName));
        builder.Services.AddHttpClient(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<SlackApiClient>();
        builder.Services.AddSingleton<SlackAdapter>();
        builder.Services.AddSingleton<SlackEventQueue>();
        builder.Services.AddHostedService<SlackEventProcessor>();
        builder.Services.AddSingleton<IProactiveSender, RoutingProactiveSender>();
        AddOpenTelemetry(builder);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapBotApi();
        app.MapHealthApi();
        app.MapSlackApi();
        app.MapAdminApi();
        return app;
    }

    /// <summary>
    /// Traces and metrics (turns, answer latency, ingest, deliveries, HTTP server) to an OTLP collector when
    /// OpenTelemetry:OtlpEndpoint is set (e.g. http://localhost:4317); nothing is collected otherwise.
    /// </summary>
    private static void AddOpenTelemetry(WebApplicationBuilder builder)
    {
        if (builder.Configuration["OpenTelemetry:OtlpEndpoint"] is not { Length: > 0 } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OpenTelemetry:ServiceName"] ?? "briefingbot"))
            .WithTracing(tracing => tracing.AddSource(Core.BriefingTelemetry.Name).AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = otlp))
            .WithMetrics(metrics => metrics.AddMeter(Core.BriefingTelemetry.Name).AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = otlp));
    }

    /// <summary>Gives Bot Builder, whatever client name it asks for, the one named client configured for it.</summary>
    private sealed class BotFrameworkHttpClientFactory(IHttpClientFactory factory) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => factory.CreateClient(BotFrameworkHttpClient);
    }
}
