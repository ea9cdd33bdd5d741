using BriefingBot.Hosting;
using Microsoft.Extensions.Hosting;

namespace BriefingBot.Commands;

/// <summary>The services for a one-shot command: the same registrations as the server, logs on stderr.</summary>
internal static class CliServices
{
    public static IHost Build(string? database, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        BriefingConfiguration.Apply(builder.Configuration, database);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Services.AddBriefingBot(builder.Configuration);
        return builder.Build();
    }
}
