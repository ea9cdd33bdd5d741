using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace BriefingBot.IntegrationTests;

/// <summary>Activities as the Emulator or a channel posts them to /api/messages.</summary>
internal static class Activities
{
    public static object Message(string text, string serviceUrl, string conversationId = "conv-1", string channelId = "emulator", string? localTimezone = null) => new
    {
        type = "message",
        id = "activity-" + Guid.NewGuid().ToString("N")[..8],
        timestamp = DateTimeOffset.UtcNow,
        serviceUrl,
        channelId,
        from = new { id = "user-1", name = "User" },
        conversation = new { id = conversationId },
        recipient = new { id = "bot-1", name = "BriefingBot" },
        text,
        locale = "en-US",
        localTimezone,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, object activity, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonConvert.SerializeObject(activity), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }
}
