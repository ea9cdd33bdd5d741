using System.Text.Json;

namespace BriefingBot.Commands;

/// <summary>Reads a --batch input file line by line; a bad line is reported, never fatal.</summary>
internal static class JsonLinesFile
{
    public sealed record Line(int Number, JsonElement? Value, string? Error);

    public static async IAsyncEnumerable<Line> ReadAsync(string path)
    {
        var number = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement? value = null;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    value = document.RootElement.Clone();
                }
                else
                {
                    error = "expected a JSON object";
                }
            }
            catch (JsonException ex)
            {
                error = "malformed JSON: " + ex.Message;
            }

            yield return new Line(number, value, error);
        }
    }

    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
