using System.Globalization;
using System.Runtime.InteropServices;
using BriefingBot.Core.Articles;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>Articles, sentences, vectors and FTS5 indexes in one SQLite file.</summary>
internal sealed class SqliteArticleStore(SqliteDatabase database, TimeProvider time) : IArticleStore
{
    private const string ArticleColumns = "a.id, a.title, a.body, a.source, a.url, a.published, a.content_hash, a.ingested_at";

    public async Task<long> AddAsync(NewArticle article, CancellationToken cancellationToken = default)
    {
        if (article.Sentences.Count != article.Vectors.Count)
        {
            throw new ArgumentException("Every sentence needs a vector slot (null when none).", nameof(article));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var draft = article.Draft;

        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO articles (title, body, source, url, published, content_hash, external_id, ingested_at, simhash)
                VALUES ($title, $body, $source, $url, $published, $hash, $external, $ingested, $simhash)
                RETURNING id;
                """;
            insert.Parameters.AddWithValue("$title", draft.Title);
            insert.Parameters.AddWithValue("$body", draft.Body);
            insert.Parameters.AddWithValue("$source", (object?)draft.Source ?? DBNull.Value);
            insert.Parameters.AddWithValue("$url", (object?)draft.Url ?? DBNull.Value);
            insert.Parameters.AddWithValue("$published", draft.Published is { } p ? p.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
            insert.Parameters.AddWithValue("$hash", article.ContentHash);
            insert.Parameters.AddWithValue("$external", (object?)draft.ExternalId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$ingested", StoredTime.Format(time.GetUtcNow()));
            insert.Parameters.AddWithValue("$simhash", (object?)article.SimHash ?? DBNull.Value);
            try
            {
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == 2067)
            {
                // SQLITE_CONSTRAINT_UNIQUE on content_hash.
                throw new DuplicateArticleException(article.ContentHash, ex);
            }
        }

        await using (var fts = connection.CreateCommand())
        {
            fts.Transaction = transaction;
            fts.CommandText = "INSERT INTO articles_fts (rowid, title, body) VALUES ($id, $title, $body);";
            fts.Parameters.AddWithValue("$id", id);
            fts.Parameters.AddWithValue("$title", draft.Title);
            fts.Parameters.AddWithValue("$body", draft.Body);
            await fts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var sentence = connection.CreateCommand())
        await using (var sentenceFts = connection.CreateCommand())
        {
            sentence.Transaction = transaction;
            sentence.CommandText = "INSERT INTO sentences (article_id, idx, text, vector) VALUES ($article, $idx, $text, $vector) RETURNING id;";
            var pArticle = sentence.Parameters.Add("$article", SqliteType.Integer);
            var pIndex = sentence.Parameters.Add("$idx", SqliteType.Integer);
            var pText = sentence.Parameters.Add("$text", SqliteType.Text);
            var pVector = sentence.Parameters.Add("$vector", SqliteType.Blob);
            sentenceFts.Transaction = transaction;
            sentenceFts.CommandText = "INSERT INTO sentences_fts (rowid, text) VALUES ($id, $text);";
            var pFtsId = sentenceFts.Parameters.Add("$id", SqliteType.Integer);
            var pFtsText = sentenceFts.Parameters.Add("$text", SqliteType.Text);
            for (var i = 0; i < article.Sentences.Count; i++)
            {
                pArticle.Value = id;
                pIndex.Value = i;
                pText.Value = article.Sentences[i];
                pVector.Value = article.Vectors[i] is { } v ? MemoryMarshal.AsBytes(v.AsSpan()).ToArray() : DBNull.Value;
                var rowId = (long)(await sentence.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                pFtsId.Value = rowId;
                pFtsText.Value = article.Sentences[i];
                await sentenceFts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<long?> FindByHashAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM articles WHERE content_hash = $hash;";
        command.Parameters.AddWithValue("$hash", contentHash);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? id : null;
    }

    public async Task<long?> FindNearDuplicateAsync(long simHash, DateTimeOffset since, int maxDistance, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, simhash FROM articles WHERE simhash IS NOT NULL AND ingested_at >= $since;";
        command.Parameters.AddWithValue("$since", StoredTime.Format(since));
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
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO article_sources (article_id, source, url, title, published, origin)
            VALUES ($id, $source, $url, $title, $published, $origin)
            ON CONFLICT (article_id, origin) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", articleId);
        command.Parameters.AddWithValue("$source", (object?)source.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("$url", (object?)source.Url ?? DBNull.Value);
        command.Parameters.AddWithValue("$title", source.Title);
        command.Parameters.AddWithValue("$published", source.Published is { } p ? p.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
        command.Parameters.AddWithValue("$origin", source.Origin);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AlternateSource>>> GetAlternateSourcesAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<long, IReadOnlyList<AlternateSource>>();
        if (articleIds.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, url, title, published, origin FROM article_sources WHERE article_id = $id ORDER BY rowid;";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        foreach (var articleId in articleIds.Distinct())
        {
            id.Value = articleId;
            var list = new List<AlternateSource>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new AlternateSource(
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : StoredTime.Parse(reader.GetString(3)),
                    reader.GetString(4)));
            }

            if (list.Count > 0)
            {
                result[articleId] = list;
            }
        }

        return result;
    }

    public async Task<Article?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await QueryArticlesAsync($"SELECT {ArticleColumns} FROM articles a WHERE a.id = $id;", c => c.Parameters.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<Article>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        QueryArticlesAsync(
            $"SELECT {ArticleColumns} FROM articles a ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT $limit;",
            c => c.Parameters.AddWithValue("$limit", limit),
            cancellationToken);

    public Task<IReadOnlyList<Article>> ListIngestedBetweenAsync(DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken = default) =>
        QueryArticlesAsync(
            $"SELECT {ArticleColumns} FROM articles a WHERE a.ingested_at >= $since AND a.ingested_at <= $until ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT $limit;",
            c =>
            {
                c.Parameters.AddWithValue("$since", StoredTime.Format(since.ToUniversalTime()));
                c.Parameters.AddWithValue("$until", StoredTime.Format(until.ToUniversalTime()));
                c.Parameters.AddWithValue("$limit", limit);
            },
            cancellationToken);

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM articles;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<ArticleSentence>> GetSentencesAsync(long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx, text FROM sentences WHERE article_id = $id ORDER BY idx;";
        command.Parameters.AddWithValue("$id", articleId);
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
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT vector FROM sentences WHERE article_id = $id ORDER BY idx;";
        command.Parameters.AddWithValue("$id", articleId);
        var vectors = new List<float[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.IsDBNull(0))
            {
                return null;
            }

            vectors.Add(MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(0)).ToArray());
        }

        return vectors;
    }

    public async Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default)
    {
        var match = FtsQuery.AnyOf(terms);
        if (match is null)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.id, s.article_id, s.idx, s.text, bm25(sentences_fts) AS rank
            FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
            WHERE sentences_fts MATCH $match ORDER BY rank LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<SentenceHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // FTS5's bm25() is negative, lower is better; flip it so higher is better.
            hits.Add(new SentenceHit(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), -reader.GetDouble(4)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<ArticleHit>> SearchArticlesAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default)
    {
        var match = FtsQuery.AnyOf(terms);
        if (match is null)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts
            WHERE articles_fts MATCH $match ORDER BY rank LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<ArticleHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new ArticleHit(reader.GetInt64(0), -reader.GetDouble(1)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<SentenceVector>> GetVectorsAsync(long afterRowId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, article_id, idx, vector FROM sentences WHERE id > $after AND vector IS NOT NULL ORDER BY id LIMIT $limit;";
        command.Parameters.AddWithValue("$after", afterRowId);
        command.Parameters.AddWithValue("$limit", limit);
        var vectors = new List<SentenceVector>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var bytes = (byte[])reader.GetValue(3);
            vectors.Add(new SentenceVector(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), MemoryMarshal.Cast<byte, float>(bytes).ToArray()));
        }

        return vectors;
    }

    private async Task<IReadOnlyList<Article>> QueryArticlesAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
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
                reader.IsDBNull(5) ? null : StoredTime.Parse(reader.GetString(5)),
                reader.GetString(6),
                StoredTime.Parse(reader.GetString(7))));
        }

        return articles;
    }
}
