using Npgsql;

namespace BriefingBot.Core.Storage.Postgres;

/// <summary>
/// The PostgreSQL store: one pooled data source, and the schema brought up to date on first use. Migrations run
/// under a transaction-scoped advisory lock, so instances starting together migrate once.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>Any fixed number: the advisory lock key every BriefingBot instance takes to migrate.</summary>
    private const long MigrationLockKey = 0x42_52_49_45_46;

    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(string connectionString)
    {
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var setup = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key); CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);", connection, transaction))
            {
                setup.Parameters.AddWithValue("key", MigrationLockKey);
                await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int current;
            await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, transaction))
            {
                current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (current > PostgresMigrations.All.Count)
            {
                throw new InvalidOperationException($"The database schema is version {current}, newer than this build knows ({PostgresMigrations.All.Count}). Upgrade BriefingBot.");
            }

            for (var version = current + 1; version <= PostgresMigrations.All.Count; version++)
            {
                await using var migrate = new NpgsqlCommand(PostgresMigrations.All[version - 1] + $"\nINSERT INTO schema_version (version) VALUES ({version});", connection, transaction);
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
