using BriefingBot.Core.Articles;
using Npgsql;
using NpgsqlTypes;

namespace BriefingBot.Core.Storage.Postgres;

/// <summary>
/// Articles, sentences and vectors in PostgreSQL with full-text search on generated tsvector columns (GIN indexed,
/// English stemming), ranked with ts_rank_cd; vectors are real[] loaded by the in-process vector index.
/// </summary>
internal sealed class PostgresArticleStore(PostgresDatabase database, TimeProvider time) : IArticleStore
{
    private const string ArticleColumns = "a.id, a.title, a.body, a.source, a.url, a.published, a.content_hash, a.ingested_at";

    public async Task<long> AddAsync(NewArticle article, CancellationToken cancellationToken = default)
    {
        var draft = article.Draft;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        try
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO articles (title, body, source, url, published, content_hash, external_id, ingested_at, simhash)
                VALUES (@title, @body, @source, @url, @published, @hash, @external, @ingested, @simhash) RETURNING id;
                """,
                connection,
                transaction);
            insert.Parameters.AddWithValue("title", draft.Title);
            insert.Parameters.AddWithValue("body", draft.Body);
            insert.Parameters.AddWithValue("source", (object?)draft.Source ?? DBNull.Value);
            insert.Parameters.AddWithValue("url", (object?)draft.Url ?? DBNull.Value);
            insert.Parameters.AddWithValue("published", draft.Published is { } p ? p.ToUniversalTime() : DBNull.Value);
            insert.Parameters.AddWithValue("hash", article.ContentHash);
            insert.Parameters.AddWithValue("external", (object?)draft.ExternalId ?? DBNull.Value);
            insert.Parameters.AddWithValue("ingested", time.GetUtcNow().ToUniversalTime());
            insert.Parameters.AddWithValue("simhash", (object?)article.SimHash ?? DBNull.Value);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DuplicateArticleException(article.ContentHash, ex);
        }

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            for (var i = 0; i < article.Sentences.Count; i++)
            {
                var command = new NpgsqlBatchCommand("INSERT INTO sentences (article_id, idx, text, vector) VALUES (@a, @i, @t, @v);");
                command.Parameters.AddWithValue("a", id);
                command.Parameters.AddWithValue("i", i);
                command.Parameters.AddWithValue("t", article.Sentences[i]);
                command.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = (object?)article.Vectors[i] ?? DBNull.Value });
                batch.BatchCommands.Add(command);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<long?> FindByHashAsync(string contentHash, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT id FROM articles WHERE content_hash = @hash;", c => c.Parameters.AddWithValue("hash", contentHash), cancellationToken).ConfigureAwait(false) is long id ? id : null;

    public async Task<Article?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await QueryArticlesAsync($"SELECT {ArticleColumns} FROM articles a WHERE a.id = @id;", c => c.Parameters.AddWithValue("id", id), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<Article>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        QueryArticlesAsync($"SELECT {ArticleColumns} FROM articles a ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT @limit;", c => c.Parameters.AddWithValue("limit", limit), cancellationToken);

    public async Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        Convert.ToInt32(await ScalarAsync("SELECT COUNT(*) FROM articles;", _ => { }, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

    public Task<IReadOnlyList<Article>> ListIngestedBetweenAsync(DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken = default) =>
        QueryArticlesAsync(
            $"SELECT {ArticleColumns} FROM articles a WHERE a.ingested_at >= @since AND a.ingested_at <= @until ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT @limit;",
            c =>
            {
                c.Parameters.AddWithValue("since", since.ToUniversalTime());
                c.Parameters.AddWithValue("until", until.ToUniversalTime());
                c.Parameters.AddWithValue("limit", limit);
            },
            cancellationToken);

    public async Task<IReadOnlyList<ArticleSentence>> GetSentencesAsync(long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT idx, text FROM sentences WHERE article_id = @id ORDER BY idx;", connection);
        command.Parameters.AddWithValue("id", articleId);
        var sentences = new List<ArticleSentence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sentences.Add(new ArticleSentence(articleId, reader.GetInt32(0), reader.GetString(1)));
        }

        return sentences;
    }

    public async Task<IReadOnlyList<float[]>?> GetSentenceVectorsAsync(long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT vector FROM sentences WHERE article_id = @id ORDER BY idx;", connection);
        command.Parameters.AddWithValue("id", articleId);
        var vectors = new List<float[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.IsDBNull(0))
            {
                return null;
            }

            vectors.Add(reader.GetFieldValue<float[]>(0));
        }

        return vectors;
    }

    public async Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default)
    {
        if (AnyOf(terms) is not { } query)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.id, s.article_id, s.idx, s.text, ts_rank_cd(s.search, q) AS rank
            FROM sentences s, websearch_to_tsquery('english', @q) q
            WHERE s.search @@ q ORDER BY rank DESC, s.id LIMIT @limit;
            """,
            connection);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<SentenceHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new SentenceHit(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetFloat(4)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<ArticleHit>> SearchArticlesAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default)
    {
        if (AnyOf(terms) is not { } query)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT a.id, ts_rank_cd(a.search, q) AS rank
            FROM articles a, websearch_to_tsquery('english', @q) q
            WHERE a.search @@ q ORDER BY rank DESC, a.id LIMIT @limit;
            """,
            connection);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<ArticleHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new ArticleHit(reader.GetInt64(0), reader.GetFloat(1)));
        }

        return hits;
    }

    public async Task<long?> FindNearDuplicateAsync(long simHash, DateTimeOffset since, int maxDistance, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT id, simhash FROM articles WHERE simhash IS NOT NULL AND ingested_at >= @since;", connection);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        (long Id, int Distance)? best = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var distance = Text.SimHash.Distance(simHash, reader.GetInt64(1));
            if (distance <= maxDistance && (best is null || distance < best.Value.Distance))
            {
                best = (reader.GetInt64(0), distance);
            }
        }

        return best?.Id;
    }

    public async Task AddAlternateSourceAsync(long articleId, AlternateSource source, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO article_sources (article_id, source, url, title, published, origin)
            VALUES (@id, @source, @url, @title, @published, @origin) ON CONFLICT (article_id, origin) DO NOTHING;
            """,
            connection);
        command.Parameters.AddWithValue("id", articleId);
        command.Parameters.AddWithValue("source", (object?)source.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("url", (object?)source.Url ?? DBNull.Value);
        command.Parameters.AddWithValue("title", source.Title);
        command.Parameters.AddWithValue("published", source.Published is { } p ? p.ToUniversalTime() : DBNull.Value);
        command.Parameters.AddWithValue("origin", source.Origin);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AlternateSource>>> GetAlternateSourcesAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<long, List<AlternateSource>>();
        if (articleIds.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<AlternateSource>>();
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT article_id, source, url, title, published, origin FROM article_sources WHERE article_id = ANY(@ids) ORDER BY position;", connection);
        command.Parameters.AddWithValue("ids", articleIds.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (!result.TryGetValue(id, out var list))
            {
                result[id] = list = [];
            }

            list.Add(new AlternateSource(
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5)));
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<AlternateSource>)p.Value);
    }

    public async Task<IReadOnlyList<SentenceVector>> GetVectorsAsync(long afterRowId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT id, article_id, idx, vector FROM sentences WHERE id > @after AND vector IS NOT NULL ORDER BY id LIMIT @limit;", connection);
        command.Parameters.AddWithValue("after", afterRowId);
        command.Parameters.AddWithValue("limit", limit);
        var vectors = new List<SentenceVector>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            vectors.Add(new SentenceVector(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetFieldValue<float[]>(3)));
        }

        return vectors;
    }

    /// <summary>Plain words joined with "or" for websearch_to_tsquery, which never fails on user text.</summary>
    private static string? AnyOf(IEnumerable<string> terms)
    {
        var words = terms.Select(t => t.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("-", " ", StringComparison.Ordinal).Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(t => t.Contains(' ', StringComparison.Ordinal) ? "\"" + t + "\"" : t)
            .ToList();
        return words.Count == 0 ? null : string.Join(" or ", words);
    }

    private async Task<object?> ScalarAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Article>> QueryArticlesAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var articles = new List<Article>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            articles.Add(new Article(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return articles;
    }
}
