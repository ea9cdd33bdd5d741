using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BriefingBot.Core;
using BriefingBot.Core.Feeds;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BriefingBot.Endpoints;

/// <summary>
/// /api/admin: list and manage sources (with OPML import and export), ingest URLs, list articles. Every request
/// needs the key from Admin:ApiKey in X-Api-Key (compared in constant time); without a configured key the API is off
/// (404). Bodies are capped at Admin:MaxRequestBytes.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").AddEndpointFilter(RequireKeyAsync);
        admin.MapGet("/sources", async (ISourceStore sources, CancellationToken ct) => Results.Json((await sources.ListAsync(ct)).Select(Describe), Json));
        admin.MapPost("/sources", AddSourceAsync);
        admin.MapDelete("/sources/{id:long}", async (long id, ISourceStore sources, CancellationToken ct) =>
            await sources.RemoveAsync(id, ct) ? Results.NoContent() : Results.NotFound(new { error = $"no source {id}" }));
        admin.MapPost("/sources/{id:long}/poll", async (long id, ISourceStore sources, TimeProvider time, CancellationToken ct) =>
            await sources.ScheduleNowAsync(id, time.GetUtcNow(), ct) ? Results.Accepted() : Results.NotFound(new { error = $"no source {id}" }));
        admin.MapGet("/opml", async (ISourceStore sources, TimeProvider time, CancellationToken ct) =>
            Results.Text(Opml.Write(await sources.ListAsync(ct), time.GetUtcNow()), "text/x-opml; charset=utf-8"));
        admin.MapPost("/opml", ImportOpmlAsync);
        admin.MapPost("/ingest", IngestAsync);
        admin.MapGet("/articles", async (int? limit, IArticleStore store, CancellationToken ct) =>
            Results.Json((await store.ListAsync(Math.Clamp(limit ?? 50, 1, 1000), ct)).Select(a => new { a.Id, a.Title, a.Source, a.Url, a.Published, a.IngestedAt }), Json));
        return app;
    }

    private static async ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            return Results.NotFound();
        }

        var given = Encoding.UTF8.GetBytes(http.Request.Headers["X-Api-Key"].ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(options.ApiKey)))
        {
            return Results.Unauthorized();
        }

        if (http.Request.ContentLength > options.MaxRequestBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxRequestBytes;
        }

        return await next(context).ConfigureAwait(false);
    }

    private sealed record SourceRequest(string? Url, string? Title, int? IntervalMinutes);

    private sealed record IngestRequest(List<string>? Urls);

    private static object Describe(NewsSource s) => new
    {
        s.Id,
        s.Url,
        s.Title,
        status = s.Status.ToString().ToLowerInvariant(),
        intervalMinutes = s.Interval.TotalMinutes,
        s.LastPolled,
        s.NextPoll,
        failures = s.ConsecutiveFailures,
        s.LastError,
        s.ArticlesAdded,
    };

    private static async Task<IResult> AddSourceAsync(HttpContext http, ISourceStore sources, IOptions<IngestionOptions> ingestion, TimeProvider time, CancellationToken ct)
    {
        var request = await ReadJsonAsync<SourceRequest>(http, ct).ConfigureAwait(false);
        if (request?.Url is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Results.BadRequest(new { error = "Send {\"url\": \"https://…\"} with an http(s) URL." });
        }

        var interval = request.IntervalMinutes is > 0 and <= 10080 ? TimeSpan.FromMinutes(request.IntervalMinutes.Value) : ingestion.Value.PollInterval;
        var (source, added) = await sources.AddAsync(uri.ToString(), request.Title, interval, time.GetUtcNow(), ct).ConfigureAwait(false);
        return added ? Results.Json(Describe(source), Json, statusCode: StatusCodes.Status201Created) : Results.Json(Describe(source), Json);
    }

    private static async Task<IResult> ImportOpmlAsync(HttpContext http, ISourceStore sources, IOptions<IngestionOptions> ingestion, TimeProvider time, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        IReadOnlyList<Opml.Outline> outlines;
        try
        {
            outlines = Opml.Parse(await reader.ReadToEndAsync(ct).ConfigureAwait(false));
        }
        catch (FormatException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }

        var added = 0;
        foreach (var outline in outlines)
        {
            added += (await sources.AddAsync(outline.Url, outline.Title, ingestion.Value.PollInterval, time.GetUtcNow(), ct).ConfigureAwait(false)).Added ? 1 : 0;
        }

        return Results.Json(new { found = outlines.Count, added, known = outlines.Count - added }, Json);
    }

    private static async Task<IResult> IngestAsync(HttpContext http, IngestionPipeline pipeline, CancellationToken ct)
    {
        var request = await ReadJsonAsync<IngestRequest>(http, ct).ConfigureAwait(false);
        var urls = request?.Urls?.Where(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)).ToList() ?? [];
        if (urls.Count == 0 || urls.Count != request!.Urls!.Count)
        {
            return Results.BadRequest(new { error = "Send {\"urls\": [\"https://…\"]}: http(s) URLs of pages or feeds (files are ingested with the command line)." });
        }

        var report = await pipeline.IngestAsync(urls, cancellationToken: ct).ConfigureAwait(false);
        return Results.Json(new { added = report.Added, duplicates = report.Duplicates, failed = report.Failed.Select(f => new { source = f.Source, error = f.Error }), ids = report.AddedIds }, Json);
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpContext http, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json, ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
