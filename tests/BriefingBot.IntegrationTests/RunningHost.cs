using BriefingBot.Hosting;
using BriefingBot.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.IntegrationTests;

/// <summary>The real BriefingBot host on Kestrel at 127.0.0.1, on its own SQLite file, started as `serve` starts it.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsDatabase;

    private RunningHost(WebApplication app, TestDatabase database, bool ownsDatabase, string baseUrl)
    {
        _app = app;
        _ownsDatabase = ownsDatabase;
        Database = database;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestDatabase Database { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="database">A database shared with other hosts (several instances); by default one of its own.</param>
    public static async Task<RunningHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TestDatabase? database = null)
    {
        var ownsDatabase = database is null;
        database ??= new TestDatabase();
        var values = new Dictionary<string, string?>
        {
            ["Ingestion:SamplesPath"] = SampleFiles.Directory,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = BriefingWebApp.Build(
            database.Path,
            "http://127.0.0.1:0",
            configuration => configuration.AddInMemoryCollection(values),
            collection =>
            {
                collection.AddSingleton(SharedEmbedder.Instance);
                services?.Invoke(collection);
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, database, ownsDatabase, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
