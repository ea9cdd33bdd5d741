using System.Globalization;

namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>JSON documents with ETags in SQLite; each conditional write is one IMMEDIATE transaction.</summary>
internal sealed class SqliteDocumentStore(SqliteDatabase database, TimeProvider time) : IDocumentStore
{
    public async Task<IReadOnlyDictionary<string, StoredDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, etag FROM documents WHERE key = $key;";
        var key = command.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var k in keys)
        {
            key.Value = k;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[k] = new StoredDocument(reader.GetString(0), reader.GetString(1));
            }
        }

        return result;
    }

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // BeginTransaction() is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the read-compare-write below is atomic
        // across connections and processes.
        await using var transaction = connection.BeginTransaction();
        string? current;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT etag FROM documents WHERE key = $key;";
            read.Parameters.AddWithValue("$key", key);
            current = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        if (!string.IsNullOrEmpty(expectedETag) && expectedETag != "*" && expectedETag != current)
        {
            throw new ETagConflictException(key, expectedETag, current);
        }

        var etag = Guid.NewGuid().ToString("N");
        await using (var write = connection.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO documents (key, value, etag, updated_at) VALUES ($key, $value, $etag, $now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at;
                """;
            write.Parameters.AddWithValue("$key", key);
            write.Parameters.AddWithValue("$value", json);
            write.Parameters.AddWithValue("$etag", etag);
            write.Parameters.AddWithValue("$now", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return etag;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM documents WHERE key = $key;";
        var key = command.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var k in keys)
        {
            key.Value = k;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TryAddAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO documents (key, value, etag, updated_at) VALUES ($key, $value, $etag, $now) ON CONFLICT (key) DO NOTHING;";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", json);
        command.Parameters.AddWithValue("$etag", Guid.NewGuid().ToString("N"));
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
