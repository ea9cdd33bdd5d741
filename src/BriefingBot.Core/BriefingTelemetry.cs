using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BriefingBot.Core;

/// <summary>
/// The bot's traces and metrics (System.Diagnostics), exported through OpenTelemetry when the host configures it
/// (OpenTelemetry:OtlpEndpoint): turns, answer latency, articles ingested, briefing deliveries.
/// </summary>
public static class BriefingTelemetry
{
    public const string Name = "BriefingBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Bot turns handled, by channel and activity type.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("briefingbot.turns", description: "Bot turns handled");

    /// <summary>Time from question to answer, in milliseconds, by engine outcome (answered or abstained).</summary>
    public static readonly Histogram<double> AnswerDuration = Meter.CreateHistogram<double>("briefingbot.answer.duration", "ms", "Time to answer a question");

    /// <summary>Articles stored by ingestion (duplicates not counted).</summary>
    public static readonly Counter<long> ArticlesIngested = Meter.CreateCounter<long>("briefingbot.ingest.articles", description: "Articles stored");

    /// <summary>Scheduled briefing deliveries, by status (sent, missed, failed, abandoned).</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("briefingbot.briefings.deliveries", description: "Scheduled briefing deliveries");
}
