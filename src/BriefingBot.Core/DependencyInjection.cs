using BriefingBot.Core.Feeds;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Ingestion.Sources;
using BriefingBot.Core.Ingestion.Steps;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Storage.Postgres;
using BriefingBot.Core.Storage.Sqlite;
using BriefingBot.Core.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core;

public static class DependencyInjection
{
    /// <summary>Storage, ingestion and search, configured from the Storage and Ingestion sections.</summary>
    public static IServiceCollection AddBriefingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<SqliteArticleStore>().AddSingleton<PostgresArticleStore>();
        services.AddSingleton<SqliteDocumentStore>().AddSingleton<PostgresDocumentStore>();
        services.AddSingleton<SqlDialect>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgres
            ? new PostgresDialect(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteDialect(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IArticleStore>(sp => Pick<IArticleStore, SqliteArticleStore, PostgresArticleStore>(sp));
        services.AddSingleton<IDocumentStore>(sp => Pick<IDocumentStore, SqliteDocumentStore, PostgresDocumentStore>(sp));
        services.AddSingleton<ISubscriptionStore>(sp => new SqlSubscriptionStore(sp.GetRequiredService<SqlDialect>()));
        services.AddSingleton<ISourceStore>(sp => new SqlSourceStore(sp.GetRequiredService<SqlDialect>()));
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedPoller>();
        services.AddOptions<BriefingsOptions>().Bind(configuration.GetSection(BriefingsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IngestionHttpClient>();
        services.AddSingleton<UrlSource>();
        services.AddSingleton<TextFileSource>();
        services.AddSingleton<JsonLinesSource>();
        services.AddSingleton<FolderSource>();
        services.AddSingleton<IArticleSource>(sp => sp.GetRequiredService<UrlSource>());
        services.AddSingleton<IArticleSource>(sp => sp.GetRequiredService<FolderSource>());
        services.AddSingleton<IArticleSource>(sp => sp.GetRequiredService<JsonLinesSource>());
        services.AddSingleton<IArticleSource>(sp => sp.GetRequiredService<TextFileSource>());
        services.AddSingleton<IIngestionStep, ExtractArticleStep>();
        services.AddSingleton<IIngestionStep, NormalizeArticleStep>();
        services.AddSingleton<IIngestionStep, DedupeArticleStep>();
        services.AddSingleton<IIngestionStep, AnalyzeArticleStep>();
        services.AddSingleton<IIngestionStep, StoreArticleStep>();
        services.AddSingleton<IngestionPipeline>();

        services.AddSingleton<VectorIndex>();
        services.AddSingleton<HybridRetriever>();
        services.AddSingleton<ArticleFinder>();
        return services;
    }

    /// <summary>The SQLite or the PostgreSQL implementation, as Storage:Provider says.</summary>
    private static TService Pick<TService, TSqlite, TPostgres>(IServiceProvider services)
        where TService : class
        where TSqlite : class, TService
        where TPostgres : class, TService =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgres
            ? services.GetRequiredService<TPostgres>()
            : services.GetRequiredService<TSqlite>();
}
