using BriefingBot.Core.Storage.Postgres;

namespace BriefingBot.TestKit;

/// <summary>Two data sources on one test database: two bot instances sharing PostgreSQL.</summary>
public sealed class TwoPostgresInstances : IAsyncDisposable
{
    private TwoPostgresInstances(TestPostgres database)
    {
        Database = database;
        First = new PostgresDatabase(database.ConnectionString);
        Second = new PostgresDatabase(database.ConnectionString);
    }

    public TestPostgres Database { get; }

    public PostgresDatabase First { get; }

    public PostgresDatabase Second { get; }

    public static async Task<TwoPostgresInstances> CreateAsync() => new(await TestPostgres.CreateAsync());

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Database.DisposeAsync();
    }
}
