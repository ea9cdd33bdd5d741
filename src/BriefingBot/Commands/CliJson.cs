using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BriefingBot.Core.Articles;

namespace BriefingBot.Commands;

/// <summary>The JSON shapes of the command-line contract (camelCase, one object per line).</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static object Citation(Citation c) => new
    {
        articleId = c.ArticleId,
        title = c.Title,
        source = c.Source,
        published = c.Published,
        url = c.Url,
        sentence = c.Sentence,
    };

    public static object Answer(string? id, Answer answer, long elapsedMs) => new
    {
        id,
        answer = answer.Text,
        span = answer.Span,
        citations = answer.Citations.Select(Citation).ToList(),
        confidence = answer.Confidence,
        elapsedMs,
    };

    public static object Summary(string? id, Summary summary) => new
    {
        id,
        tldr = summary.Tldr,
        keyPoints = summary.KeyPoints,
        summary = summary.Text,
    };
}
