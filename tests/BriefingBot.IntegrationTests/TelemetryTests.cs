using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BriefingBot.TestKit;

namespace BriefingBot.IntegrationTests;

/// <summary>The metrics a real turn emits, read with a MeterListener (what the OpenTelemetry exporter reads).</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task AnsweringAQuestionCountsTheTurnAndRecordsTheAnswerTime()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? Channel, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Core.BriefingTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tag(tags, "channel"), Tag(tags, "outcome"))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tag(tags, "channel"), Tag(tags, "outcome"))));
        listener.Start();
        await using var connector = await LoopbackConnector.StartAsync();
        await using var host = await RunningHost.StartAsync();

        await Activities.PostAsync(host.Client, Activities.Message("Which countries joined the NATO meeting?", connector.ServiceUrl, "telemetry", channelId: "telemetry-test"));
        await connector.NextMessageAsync();

        Assert.Contains(measurements, m => m.Instrument == "briefingbot.turns" && m.Channel == "telemetry-test" && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == "briefingbot.answer.duration" && m.Outcome == "answered" && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "briefingbot.ingest.articles");
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
