using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BriefingBot.Slack;

/// <summary>
/// Slack's request signing, version 0: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> with the
/// signing secret, compared in constant time; the timestamp must be within the window of now.
/// </summary>
internal static class SlackSignature
{
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message));
    }

    /// <returns>Null when valid, else why not (for the log; the caller answers 401 either way).</returns>
    public static string? Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "malformed timestamp";
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > window.TotalSeconds)
        {
            return "timestamp outside the allowed window (replay or clock skew)";
        }

        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "signature mismatch";
    }
}
