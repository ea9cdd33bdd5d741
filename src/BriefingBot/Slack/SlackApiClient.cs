using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Slack;

/// <summary>A refusal from Slack's Web API ("ok": false), with the HTTP status it stands for.</summary>
internal sealed class SlackApiException(string error, HttpStatusCode? status)
    : HttpRequestException($"Slack refused the message: {error}", null, status)
{
    public string Error { get; } = error;
}

/// <summary>
/// The two Slack calls the bot makes: <c>chat.postMessage</c> with the bot token, and a post to a slash command's
/// <c>response_url</c>. A 429 is waited out for its Retry-After (up to three times).
/// </summary>
internal sealed class SlackApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "Slack";
    private const int MaxAttempts = 4;

    /// <returns>The posted message's ts.</returns>
    public async Task<string> PostMessageAsync(string channel, string text, JArray blocks, string? threadTs, CancellationToken cancellationToken)
    {
        var payload = new JObject { ["channel"] = channel, ["text"] = text, ["blocks"] = blocks, ["unfurl_links"] = false };
        if (!string.IsNullOrEmpty(threadTs))
        {
            payload["thread_ts"] = threadTs;
        }

        var url = new Uri(new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/"), "chat.postMessage");
        var body = await SendAsync(url, payload, options.Value.BotToken, cancellationToken).ConfigureAwait(false);
        var result = JObject.Parse(body);
        if (result.Value<bool?>("ok") != true)
        {
            var error = result.Value<string>("error") ?? "unknown_error";
            throw new SlackApiException(error, StatusFor(error));
        }

        return result.Value<string>("ts") ?? string.Empty;
    }

    public async Task PostToResponseUrlAsync(Uri responseUrl, string text, JArray blocks, CancellationToken cancellationToken)
    {
        var payload = new JObject { ["response_type"] = "in_channel", ["text"] = text, ["blocks"] = blocks };
        await SendAsync(responseUrl, payload, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SendAsync(Uri url, JObject payload, string? token, CancellationToken cancellationToken)
    {
        var json = payload.ToString(Formatting.None);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt);
                logger.LogInformation("Slack rate-limited {Url}; retrying in {Wait}", url.AbsolutePath, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Slack answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }

            return body;
        }
    }

    /// <summary>Slack's errors meaning the conversation is gone or closed to the bot map to 404/403.</summary>
    private static HttpStatusCode? StatusFor(string error) => error switch
    {
        "channel_not_found" or "user_not_found" => HttpStatusCode.NotFound,
        "not_in_channel" or "is_archived" or "account_inactive" or "restricted_action" or "token_revoked" or "invalid_auth" => HttpStatusCode.Forbidden,
        "ratelimited" => HttpStatusCode.TooManyRequests,
        _ => HttpStatusCode.BadRequest,
    };
}
