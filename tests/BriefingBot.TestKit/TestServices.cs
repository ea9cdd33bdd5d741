using BriefingBot.AI;
using BriefingBot.Core;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Search;
using BriefingBot.Dialogs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BriefingBot.TestKit;

/// <summary>The product's real service graph on a test database, with the shared MiniLM model.</summary>
public sealed class TestServices : IDisposable, IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TestServices(ServiceProvider provider, TestDatabase database)
    {
        _provider = provider;
        Database = database;
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static TestServices Create(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var database = new TestDatabase();
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = database.ConnectionString,
            ["Ingestion:LoadSamplesWhenEmpty"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBriefingCore(configuration).AddBriefingAI(configuration).AddBriefingDialogs();
        services.AddSingleton(SharedEmbedder.Instance);
        configure?.Invoke(services);
        return new TestServices(services.BuildServiceProvider(), database);
    }

    /// <summary>Services with the sample stories already ingested.</summary>
    public static async Task<TestServices> WithSamplesAsync()
    {
        var services = Create();
        var report = await services.Get<IngestionPipeline>().IngestAsync([SampleFiles.Directory]);
        if (report.Added == 0)
        {
            throw new InvalidOperationException("The sample stories were not ingested: " + string.Join("; ", report.Failed));
        }

        return services;
    }

    public void Dispose()
    {
        _provider.Dispose();
        Database.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Database.Dispose();
    }
}
