using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using CodeHollow.FeedReader;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core.Ingestion.Sources;

/// <summary>
/// A web page or a feed by URL. Pages go through SmartReader (a port of Mozilla's Readability) for the main text,
/// title, site name and publication date; RSS, Atom and JSON feeds through CodeHollow.FeedReader, one article per
/// item. Responses are capped in size and time; a failure is reported for that URL and nothing is stored.
/// </summary>
public sealed partial class UrlSource(IngestionHttpClient http, IOptions<IngestionOptions> options) : IArticleSource
{
    static UrlSource()
    {
        // Feeds and pages still come in windows-1252 and other legacy code pages.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly string[] FeedTypes = ["application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml", "application/feed+json", "application/json"];

    public bool CanHandle(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public async IAsyncEnumerable<SourceItem> ReadAsync(string location, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var result = await PollAsync(location, null, null, cancellationToken).ConfigureAwait(false);
        if (result.Error is not null)
        {
            yield return SourceItem.Failed(location, result.Error);
            yield break;
        }

        foreach (var item in result.Items)
        {
            yield return item;
        }
    }

    /// <summary>
    /// Fetches a page or feed, conditionally when validators from an earlier answer are given (If-None-Match,
    /// If-Modified-Since): a 304 comes back as <see cref="PollResult.NotModified"/> with nothing to read.
    /// </summary>
    public async Task<PollResult> PollAsync(string location, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var (fetched, error) = await FetchAsync(new Uri(location), etag, lastModified, cancellationToken).ConfigureAwait(false);
        if (fetched is null)
        {
            return new PollResult(false, [], null, null, error);
        }

        if (fetched.NotModified)
        {
            return new PollResult(true, [], etag, lastModified, null);
        }

        var isFeed = LooksLikeFeed(fetched);
        var items = isFeed ? ReadFeed(location, fetched) : [ReadPage(location, fetched)];
        if (items is [{ Document: null } only] && only.Origin == location)
        {
            return new PollResult(false, [], null, null, only.Error);
        }

        if (isFeed && options.Value.FetchFullPageBelowChars > 0)
        {
            items = await WithFullPagesAsync(items, cancellationToken).ConfigureAwait(false);
        }

        return new PollResult(false, items, fetched.ETag, fetched.LastModified, null, items.FirstOrDefault(i => i.Document is not null)?.Document?.Source);
    }

    /// <summary>
    /// Teaser items (text under Ingestion:FetchFullPageBelowChars) get the main text of the page they link to; the
    /// feed's title, date and source stay. A page that cannot be read leaves the teaser as it was.
    /// </summary>
    private async Task<IReadOnlyList<SourceItem>> WithFullPagesAsync(IReadOnlyList<SourceItem> items, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var fetched = 0;
        var result = new List<SourceItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Document is { Url: { } url } document && document.Text.Length < settings.FetchFullPageBelowChars && fetched < settings.MaxFullPagesPerFeed)
            {
                fetched++;
                var (page, _) = await FetchAsync(new Uri(url), null, null, cancellationToken).ConfigureAwait(false);
                if (page is { NotModified: false } && !LooksLikeFeed(page) && ReadPage(url, page).Document is { } full && full.Text.Length > document.Text.Length)
                {
                    result.Add(SourceItem.Read(document with { Text = full.Text }));
                    continue;
                }
            }

            result.Add(item);
        }

        return result;
    }

    private sealed record Fetched(Uri Url, string MediaType, byte[] Body, Encoding Encoding, string? ETag = null, string? LastModified = null, bool NotModified = false)
    {
        public string Text => Encoding.GetString(Body);
    }

    /// <summary>
    /// A text file by URL (an OPML file attached in chat) under the same size and time limits as pages and feeds,
    /// whatever content type the server gives it.
    /// </summary>
    public async Task<(string? Text, string? Error)> FetchTextAsync(Uri url, CancellationToken cancellationToken)
    {
        var (fetched, error) = await FetchAsync(url, null, null, cancellationToken, anyContentType: true).ConfigureAwait(false);
        return fetched is null ? (null, error) : (fetched.Text, null);
    }

    private async Task<(Fetched? Fetched, string? Error)> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken, bool anyContentType = false)
    {
        var limit = options.Value.MaxResponseBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5");
            if (!string.IsNullOrEmpty(etag))
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (!string.IsNullOrEmpty(lastModified))
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return (new Fetched(url, string.Empty, [], Encoding.UTF8, NotModified: true), null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > limit)
            {
                return (null, $"response is {response.Content.Headers.ContentLength / (1024.0 * 1024):0.#} MiB, over the {limit / (1024.0 * 1024):0.#} MiB limit (Ingestion:MaxResponseBytes)");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            if (!anyContentType && !mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && mediaType != "application/xhtml+xml" && !FeedTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                return (null, $"unsupported content type {mediaType} (expected a web page or a feed)");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return (null, $"response is over the {limit / (1024.0 * 1024):0.#} MiB limit (Ingestion:MaxResponseBytes)");
                }

                body.Write(buffer, 0, read);
            }

            var bytes = body.ToArray();
            return (new Fetched(
                response.RequestMessage?.RequestUri ?? url,
                mediaType,
                bytes,
                EncodingOf(response.Content.Headers.ContentType, bytes),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("r", System.Globalization.CultureInfo.InvariantCulture)), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no response within {options.Value.FetchTimeout.TotalSeconds:0} s (Ingestion:FetchTimeout)");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
    }

    /// <summary>The charset the server declared, else the one the page declares in a meta tag, else UTF-8.</summary>
    private static Encoding EncodingOf(MediaTypeHeaderValue? contentType, byte[] body)
    {
        var name = contentType?.CharSet?.Trim('"');
        if (string.IsNullOrEmpty(name))
        {
            var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048));
            name = MetaCharset().Match(head) is { Success: true } meta ? meta.Groups[1].Value : null;
        }

        try
        {
            return name is null ? new UTF8Encoding(false) : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return new UTF8Encoding(false);
        }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([\w-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    private static bool LooksLikeFeed(Fetched fetched)
    {
        if (fetched.MediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var start = Encoding.UTF8.GetString(fetched.Body, 0, Math.Min(fetched.Body.Length, 1024)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return !start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) && !start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static SourceItem ReadPage(string location, Fetched fetched)
    {
        // Readability's default 500-character threshold drops short news items; 140 keeps them but not link lists.
        var article = new SmartReader.Reader(fetched.Url.ToString(), fetched.Text) { CharThreshold = 140 }.GetArticle();
        if (string.IsNullOrWhiteSpace(article.TextContent) || article.TextContent.Count(char.IsLetter) < 140)
        {
            return SourceItem.Failed(location, "no article text found on the page");
        }

        return SourceItem.Read(new RawDocument(
            location,
            article.TextContent,
            Title: string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim(),
            Url: Canonical(fetched.Url),
            Published: AsUtcWhenUnspecified(article.PublicationDate),
            Source: string.IsNullOrWhiteSpace(article.SiteName) ? fetched.Url.Host : article.SiteName));
    }

    private static IReadOnlyList<SourceItem> ReadFeed(string location, Fetched fetched)
    {
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromByteArray(fetched.Body);
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or InvalidOperationException or ArgumentException
            or CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException or System.Text.Json.JsonException)
        {
            return [SourceItem.Failed(location, $"not a readable feed: {ex.Message}")];
        }

        var items = new List<SourceItem>();
        var index = 0;
        foreach (var item in feed.Items)
        {
            index++;
            var origin = $"{location}#{index}";
            if (string.IsNullOrWhiteSpace(item.Title))
            {
                items.Add(SourceItem.Failed(origin, "feed item without a title"));
                continue;
            }

            // A headline-only item (common in RSS 1.0 feeds) is kept as a one-line story: briefings still list it.
            var text = WebUtility.HtmlDecode(Tags().Replace(item.Content ?? item.Description ?? string.Empty, "\n")).Trim();
            if (string.IsNullOrWhiteSpace(text))
            {
                text = WebUtility.HtmlDecode(item.Title).Trim() + ".";
            }

            var link = Uri.TryCreate(item.Link, UriKind.Absolute, out var uri) ? Canonical(uri) : null;
            items.Add(SourceItem.Read(new RawDocument(origin, text, Title: WebUtility.HtmlDecode(item.Title).Trim(), Url: link, Published: AsUtcWhenUnspecified(item.PublishingDate), Source: string.IsNullOrWhiteSpace(feed.Title) ? fetched.Url.Host : feed.Title.Trim(), ExternalId: item.Id)));
        }

        return items.Count == 0 ? [SourceItem.Failed(location, "the feed has no items")] : items;
    }

    /// <summary>A parsed date as a moment; a date given without a zone is taken as UTC.</summary>
    private static DateTimeOffset? AsUtcWhenUnspecified(DateTime? date) =>
        date is { } d ? new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d) : null;

    /// <summary>The URL without tracking parameters (utm_*, fbclid, gclid) and fragment.</summary>
    internal static string Canonical(Uri url)
    {
        var query = string.Join('&', url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("fbclid=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("gclid=", StringComparison.OrdinalIgnoreCase)));
        var builder = new UriBuilder(url) { Query = query, Fragment = string.Empty };
        return builder.Uri.ToString();
    }
}
