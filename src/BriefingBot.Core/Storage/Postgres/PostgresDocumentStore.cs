using Npgsql;

namespace BriefingBot.Core.Storage.Postgres;

/// <summary>JSON documents with ETags in PostgreSQL; a conditional write is one UPDATE matching the expected ETag.</summary>
internal sealed class PostgresDocumentStore(PostgresDatabase database, TimeProvider time) : IDocumentStore
{
    public async Task<IReadOnlyDictionary<string, StoredDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT key, value, etag FROM documents WHERE key = ANY(@keys);", connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = new StoredDocument(reader.GetString(1), reader.GetString(2));
        }

        return result;
    }

    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(expectedETag) || expectedETag == "*")
        {
            await using var upsert = new NpgsqlCommand(
                """
                INSERT INTO documents (key, value, etag, updated_at) VALUES (@key, @value, @etag, @now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at;
                """,
                connection);
            Bind(upsert, key, json, etag);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return etag;
        }

        // Conditional: only the row with the expected ETag is replaced, atomically in one statement.
        await using var update = new NpgsqlCommand("UPDATE documents SET value = @value, etag = @etag, updated_at = @now WHERE key = @key AND etag = @expected;", connection);
        Bind(update, key, json, etag);
        update.Parameters.AddWithValue("expected", expectedETag);
        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return etag;
        }

        var current = (await ReadAsync([key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key)?.ETag;
        throw new ETagConflictException(key, expectedETag, current);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM documents WHERE key = ANY(@keys);", connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("INSERT INTO documents (key, value, etag, updated_at) VALUES (@key, @value, @etag, @now) ON CONFLICT (key) DO NOTHING;", connection);
        Bind(command, key, json, Guid.NewGuid().ToString("N"));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private void Bind(NpgsqlCommand command, string key, string json, string etag)
    {
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("value", json);
        command.Parameters.AddWithValue("etag", etag);
        command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
    }
}
