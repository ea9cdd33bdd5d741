using System.Text;

namespace BriefingBot.Core.Ingestion;

/// <summary>Turns bytes into text or says plainly why they are not text.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 (or UTF-16 with a BOM); returns null and an error for binary or invalid data.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            error = "binary data, not text (contains NUL bytes)";
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            error = $"not valid UTF-8 text (invalid byte at offset {ex.Index})";
            return null;
        }

        var control = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        if (control > 0 && control * 20 > text.Length)
        {
            error = "binary data, not text (too many control characters)";
            return null;
        }

        return text;
    }
}
