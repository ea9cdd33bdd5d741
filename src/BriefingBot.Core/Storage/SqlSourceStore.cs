using System.Data;
using System.Data.Common;
using BriefingBot.Core.Feeds;

namespace BriefingBot.Core.Storage;

/// <summary>
/// Polled sources in SQL, the same statements on SQLite and PostgreSQL; a claim leases due rows in one transaction
/// (PostgreSQL skips rows another instance has locked).
/// </summary>
internal sealed class SqlSourceStore(SqlDialect dialect) : ISourceStore
{
    private const string Columns = StoreRows.SourceColumns;

    public async Task<(NewsSource Source, bool Added)> AddAsync(string url, string? title, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sources (url, title, interval_seconds, status, created_at, next_poll)
            VALUES (@url, @title, @interval, 'active', @now, @now)
            ON CONFLICT (url) DO NOTHING;
            """;
        SqlDialect.Parameter(command, "url", url, DbType.String);
        SqlDialect.Parameter(command, "title", title, DbType.String);
        SqlDialect.Parameter(command, "interval", (long)interval.TotalSeconds, DbType.Int64);
        dialect.TimeParameter(command, "now", now);
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        var source = (await QueryAsync(connection, null, $"SELECT {Columns} FROM sources WHERE url = @url;", c => SqlDialect.Parameter(c, "url", url, DbType.String), cancellationToken).ConfigureAwait(false))[0];
        return (source, added);
    }

    public async Task<NewsSource?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var found = await QueryAsync(connection, null, $"SELECT {Columns} FROM sources WHERE id = @id;", c => SqlDialect.Parameter(c, "id", id, DbType.Int64), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<NewsSource>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {Columns} FROM sources ORDER BY id;", _ => { }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM sources WHERE id = @id;", c => SqlDialect.Parameter(c, "id", id, DbType.Int64), cancellationToken);

    public Task<bool> ScheduleNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE sources SET status = 'active', failures = 0, next_poll = @now, lease_owner = NULL, lease_until = NULL WHERE id = @id;",
            c =>
            {
                SqlDialect.Parameter(c, "id", id, DbType.Int64);
                dialect.TimeParameter(c, "now", now);
            },
            cancellationToken);

    public async Task<IReadOnlyList<NewsSource>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = await QueryAsync(
            connection,
            transaction,
            $"""
            SELECT {Columns} FROM sources
            WHERE status = 'active' AND next_poll <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_poll LIMIT @max{dialect.ClaimLock};
            """,
            c =>
            {
                dialect.TimeParameter(c, "now", now);
                SqlDialect.Parameter(c, "max", max, DbType.Int32);
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var source in due)
        {
            await using var leaseCommand = connection.CreateCommand();
            leaseCommand.Transaction = transaction;
            leaseCommand.CommandText = "UPDATE sources SET lease_owner = @instance, lease_until = @until WHERE id = @id;";
            SqlDialect.Parameter(leaseCommand, "instance", instance, DbType.String);
            dialect.TimeParameter(leaseCommand, "until", now + lease);
            SqlDialect.Parameter(leaseCommand, "id", source.Id, DbType.Int64);
            await leaseCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return due;
    }

    public Task RecordPollAsync(long id, string instance, PollOutcome outcome, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            UPDATE sources SET
                last_polled = @polled, next_poll = @next, failures = @failures, last_error = @error,
                etag = COALESCE(@etag, etag), last_modified = COALESCE(@lastModified, last_modified),
                articles_added = articles_added + @added, title = COALESCE(title, @title),
                status = CASE WHEN @disable THEN 'disabled' ELSE status END,
                lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND (lease_owner = @instance OR lease_owner IS NULL);
            """,
            c =>
            {
                dialect.TimeParameter(c, "polled", outcome.PolledAt);
                dialect.TimeParameter(c, "next", outcome.NextPoll);
                SqlDialect.Parameter(c, "failures", outcome.Failures, DbType.Int32);
                SqlDialect.Parameter(c, "error", outcome.Error, DbType.String);
                SqlDialect.Parameter(c, "etag", outcome.ETag, DbType.String);
                SqlDialect.Parameter(c, "lastModified", outcome.LastModified, DbType.String);
                SqlDialect.Parameter(c, "added", outcome.Added, DbType.Int32);
                SqlDialect.Parameter(c, "title", outcome.Title, DbType.String);
                SqlDialect.Parameter(c, "disable", outcome.Disable, DbType.Boolean);
                SqlDialect.Parameter(c, "id", id, DbType.Int64);
                SqlDialect.Parameter(c, "instance", instance, DbType.String);
            },
            cancellationToken);

    private async Task<bool> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<IReadOnlyList<NewsSource>> QueryAsync(DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await StoreRows.ReadAllAsync(command, r => StoreRows.Source(r, dialect.ReadTime), cancellationToken).ConfigureAwait(false);
    }
}
