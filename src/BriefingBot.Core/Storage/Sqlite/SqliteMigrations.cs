using Microsoft.Data.Sqlite;

namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>
/// Versioned schema changes, applied in order inside one transaction each; <c>PRAGMA user_version</c> records
/// the last applied version. Append new migrations; never edit one that has shipped.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            source TEXT,
            url TEXT,
            published TEXT,
            content_hash TEXT NOT NULL UNIQUE,
            external_id TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            vector BLOB,
            UNIQUE (article_id, idx)
        );
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
        CREATE TABLE documents (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            etag TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            channel_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            user_id TEXT,
            user_name TEXT,
            reference TEXT NOT NULL,
            local_time TEXT NOT NULL,
            days TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            topics TEXT NOT NULL,
            status TEXT NOT NULL,
            status_reason TEXT,
            created_at TEXT NOT NULL,
            next_due TEXT,
            last_delivered TEXT,
            lease_owner TEXT,
            lease_until TEXT
        );
        CREATE INDEX subscriptions_due ON subscriptions(status, next_due);
        CREATE INDEX subscriptions_conversation ON subscriptions(channel_id, conversation_id);
        CREATE TABLE deliveries (
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            occurrence TEXT NOT NULL,
            status TEXT NOT NULL,
            instance TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            items INTEGER NOT NULL DEFAULT 0,
            detail TEXT,
            PRIMARY KEY (subscription_id, occurrence)
        );
        """,
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            interval_seconds INTEGER NOT NULL,
            status TEXT NOT NULL,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            etag TEXT,
            last_modified TEXT,
            last_polled TEXT,
            next_poll TEXT,
            articles_added INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            lease_owner TEXT,
            lease_until TEXT
        );
        CREATE INDEX sources_due ON sources(status, next_poll);
        CREATE TABLE article_sources (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source TEXT,
            url TEXT,
            title TEXT NOT NULL,
            published TEXT,
            origin TEXT NOT NULL,
            PRIMARY KEY (article_id, origin)
        );
        ALTER TABLE articles ADD COLUMN simhash INTEGER;
        CREATE INDEX articles_ingested ON articles(ingested_at);
        """,
    ];

    /// <summary>The schema version a fully migrated database has.</summary>
    public static int LatestVersion => Migrations.Length;

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var current = await GetVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this build knows ({Migrations.Length}). Upgrade BriefingBot.");
        }

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version - 1] + $"\nPRAGMA user_version = {version};";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<int> GetVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
