using BriefingBot.Core.Feeds;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>Polled sources in SQLite; a claim is a lease taken in one IMMEDIATE transaction.</summary>
internal sealed class SqliteSourceStore(SqliteDatabase database) : ISourceStore
{
    private const string Columns = StoreRows.SourceColumns;

    public async Task<(NewsSource Source, bool Added)> AddAsync(string url, string? title, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sources (url, title, interval_seconds, status, created_at, next_poll)
            VALUES ($url, $title, $interval, 'active', $now, $now)
            ON CONFLICT (url) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$title", (object?)title ?? DBNull.Value);
        command.Parameters.AddWithValue("$interval", (long)interval.TotalSeconds);
        command.Parameters.AddWithValue("$now", StoredTime.Format(now));
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        var source = (await QueryAsync(connection, null, $"SELECT {Columns} FROM sources WHERE url = $url;", c => c.Parameters.AddWithValue("$url", url), cancellationToken).ConfigureAwait(false))[0];
        return (source, added);
    }

    public async Task<NewsSource?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var found = await QueryAsync(connection, null, $"SELECT {Columns} FROM sources WHERE id = $id;", c => c.Parameters.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<NewsSource>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {Columns} FROM sources ORDER BY id;", _ => { }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM sources WHERE id = $id;", c => c.Parameters.AddWithValue("$id", id), cancellationToken);

    public Task<bool> ScheduleNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE sources SET status = 'active', failures = 0, next_poll = $now, lease_owner = NULL, lease_until = NULL WHERE id = $id;",
            c =>
            {
                c.Parameters.AddWithValue("$id", id);
                c.Parameters.AddWithValue("$now", StoredTime.Format(now));
            },
            cancellationToken);

    public async Task<IReadOnlyList<NewsSource>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var due = await QueryAsync(
            connection,
            transaction,
            $"""
            SELECT {Columns} FROM sources
            WHERE status = 'active' AND next_poll <= $now AND (lease_until IS NULL OR lease_until <= $now)
            ORDER BY next_poll LIMIT $max;
            """,
            c =>
            {
                c.Parameters.AddWithValue("$now", StoredTime.Format(now));
                c.Parameters.AddWithValue("$max", max);
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var source in due)
        {
            await using var leaseCommand = connection.CreateCommand();
            leaseCommand.Transaction = transaction;
            leaseCommand.CommandText = "UPDATE sources SET lease_owner = $instance, lease_until = $until WHERE id = $id;";
            leaseCommand.Parameters.AddWithValue("$instance", instance);
            leaseCommand.Parameters.AddWithValue("$until", StoredTime.Format(now + lease));
            leaseCommand.Parameters.AddWithValue("$id", source.Id);
            await leaseCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return due;
    }

    public Task RecordPollAsync(long id, string instance, PollOutcome outcome, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            UPDATE sources SET
                last_polled = $polled, next_poll = $next, failures = $failures, last_error = $error,
                etag = COALESCE($etag, etag), last_modified = COALESCE($lastModified, last_modified),
                articles_added = articles_added + $added, title = COALESCE(title, $title),
                status = CASE WHEN $disable THEN 'disabled' ELSE status END,
                lease_owner = NULL, lease_until = NULL
            WHERE id = $id AND (lease_owner = $instance OR lease_owner IS NULL);
            """,
            c =>
            {
                c.Parameters.AddWithValue("$polled", StoredTime.Format(outcome.PolledAt));
                c.Parameters.AddWithValue("$next", StoredTime.Format(outcome.NextPoll));
                c.Parameters.AddWithValue("$failures", outcome.Failures);
                c.Parameters.AddWithValue("$error", (object?)outcome.Error ?? DBNull.Value);
                c.Parameters.AddWithValue("$etag", (object?)outcome.ETag ?? DBNull.Value);
                c.Parameters.AddWithValue("$lastModified", (object?)outcome.LastModified ?? DBNull.Value);
                c.Parameters.AddWithValue("$added", outcome.Added);
                c.Parameters.AddWithValue("$title", (object?)outcome.Title ?? DBNull.Value);
                c.Parameters.AddWithValue("$disable", outcome.Disable);
                c.Parameters.AddWithValue("$id", id);
                c.Parameters.AddWithValue("$instance", instance);
            },
            cancellationToken);

    private async Task<bool> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<IReadOnlyList<NewsSource>> QueryAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        var list = new List<NewsSource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(StoreRows.Source(reader, StoreRows.SqliteTime));
        }

        return list;
    }
}
