using Microsoft.Data.Sqlite;

namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>Opens connections to one SQLite file and brings its schema up to date once per process.</summary>
public sealed class SqliteDatabase
{
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private volatile bool _migrated;

    public SqliteDatabase(string connectionStringOrPath)
    {
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Pooling = true;
        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        ConnectionString = builder.ToString();
        FilePath = builder.DataSource;
    }

    public string ConnectionString { get; }

    public string FilePath { get; }

    /// <summary>An open connection on a migrated database.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
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

            var directory = Path.GetDirectoryName(Path.GetFullPath(FilePath));
            if (!string.IsNullOrEmpty(directory) && FilePath != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqliteMigrations.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrationLock.Release();
        }
    }
}
