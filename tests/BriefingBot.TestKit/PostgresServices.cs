namespace BriefingBot.TestKit;

/// <summary>The product's service graph with Storage:Provider=Postgres on a test database of its own.</summary>
public sealed class PostgresServices : IAsyncDisposable
{
    private PostgresServices(TestPostgres database, TestServices services)
    {
        Database = database;
        Services = services;
    }

    public TestPostgres Database { get; }

    public TestServices Services { get; }

    public static async Task<PostgresServices> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await TestPostgres.CreateAsync();
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = database.ConnectionString,
        };
        return new PostgresServices(database, TestServices.Create(values));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
