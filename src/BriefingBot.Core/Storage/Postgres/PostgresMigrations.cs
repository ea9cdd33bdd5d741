namespace BriefingBot.Core.Storage.Postgres;

/// <summary>
/// Versioned schema changes for PostgreSQL, recorded in <c>schema_version</c>. Append new ones; never edit one that
/// has shipped. Vectors are real[] scored in process by the vector index (Debian's PostgreSQL has no pgvector); a
/// deployment with pgvector can add a vector column and index in a later migration without changing the interfaces.
/// </summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        """
        CREATE TABLE articles (
            id bigserial PRIMARY KEY,
            title text NOT NULL,
            body text NOT NULL,
            source text,
            url text,
            published timestamptz,
            content_hash text NOT NULL UNIQUE,
            external_id text,
            ingested_at timestamptz NOT NULL,
            simhash bigint,
            search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'D')) STORED
        );
        CREATE INDEX articles_search ON articles USING gin (search);
        CREATE INDEX articles_ingested ON articles (ingested_at);
        CREATE TABLE sentences (
            id bigserial PRIMARY KEY,
            article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx integer NOT NULL,
            text text NOT NULL,
            vector real[],
            search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
            UNIQUE (article_id, idx)
        );
        CREATE INDEX sentences_search ON sentences USING gin (search);
        CREATE TABLE article_sources (
            article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source text,
            url text,
            title text NOT NULL,
            published timestamptz,
            origin text NOT NULL,
            position bigserial,
            PRIMARY KEY (article_id, origin)
        );
        CREATE TABLE documents (
            key text PRIMARY KEY,
            value text NOT NULL,
            etag text NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TABLE subscriptions (
            id bigserial PRIMARY KEY,
            channel_id text NOT NULL,
            conversation_id text NOT NULL,
            user_id text,
            user_name text,
            reference text NOT NULL,
            local_time text NOT NULL,
            days text NOT NULL,
            time_zone text NOT NULL,
            topics text NOT NULL,
            status text NOT NULL,
            status_reason text,
            created_at timestamptz NOT NULL,
            next_due timestamptz,
            last_delivered timestamptz,
            lease_owner text,
            lease_until timestamptz
        );
        CREATE INDEX subscriptions_due ON subscriptions (status, next_due);
        CREATE INDEX subscriptions_conversation ON subscriptions (channel_id, conversation_id);
        CREATE TABLE deliveries (
            subscription_id bigint NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            occurrence timestamptz NOT NULL,
            status text NOT NULL,
            instance text NOT NULL,
            started_at timestamptz NOT NULL,
            finished_at timestamptz,
            items integer NOT NULL DEFAULT 0,
            detail text,
            PRIMARY KEY (subscription_id, occurrence)
        );
        CREATE TABLE sources (
            id bigserial PRIMARY KEY,
            url text NOT NULL UNIQUE,
            title text,
            interval_seconds bigint NOT NULL,
            status text NOT NULL,
            last_error text,
            failures integer NOT NULL DEFAULT 0,
            etag text,
            last_modified text,
            last_polled timestamptz,
            next_poll timestamptz,
            articles_added integer NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL,
            lease_owner text,
            lease_until timestamptz
        );
        CREATE INDEX sources_due ON sources (status, next_poll);
        """,
    ];
}
