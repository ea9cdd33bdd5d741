using BriefingBot.AI;
using BriefingBot.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bench;

/// <summary>The product's own service graph (the same registrations as the host) on a given database file.</summary>
internal static class BenchServices
{
    public static ServiceProvider Create(string databasePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={databasePath}",
            ["Ingestion:LoadSamplesWhenEmpty"] = "false",
        }).AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBriefingCore(configuration).AddBriefingAI(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The service graph on a throwaway database file in the temp folder, deleted when disposed.</summary>
    public static TemporaryServices CreateTemporary(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"briefingbot-bench-{purpose}-{Environment.ProcessId}.db");
        return new TemporaryServices(Create(path), path);
    }
}

/// <summary>Services on a database file that goes away with them.</summary>
internal sealed class TemporaryServices(ServiceProvider services, string path) : IServiceProvider, IAsyncDisposable
{
    public object? GetService(Type serviceType) => services.GetService(serviceType);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        File.Delete(path);
    }
}
