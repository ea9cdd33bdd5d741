using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using BriefingBot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Bench;

/// <summary>
/// Load: N Emulator-style conversations of T turns each, all at once, against the real host (Kestrel, CloudAdapter,
/// SQLite with the sample story) and a loopback Bot Connector that refuses 10 % of first delivery attempts with 503.
/// A turn's time runs from posting the message to its reply reaching the connector. Prints turns/s, p50/p95 and
/// replies lost or duplicated.
/// </summary>
internal static class LoadBench
{
    private static readonly string[] Questions =
    [
        "Which countries joined the NATO meeting?",
        "Who is the NATO Secretary General?",
        "What will Japan provide to Ukraine?",
        "help",
        "Where was the meeting held?",
        "What does IP4 stand for?",
        "what's new today",
        "Who did Nakatani meet?",
    ];

    /// <param name="postgres">An Npgsql connection string to run the host on PostgreSQL (a fresh database), or null for SQLite.</param>
    public static async Task RunAsync(int conversations, int turns, double faultRate, string? postgres = null)
    {
        var work = Path.Combine(Path.GetTempPath(), "briefingbot-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var replies = new ConcurrentDictionary<string, ConcurrentBag<DateTime>>();
        var firstAttempts = new ConcurrentDictionary<string, bool>();
        var faults = 0;
        var random = new Random(11);

        // The Bot Connector: records replies by the activity they answer; fails some first attempts with 503.
        var connectorBuilder = WebApplication.CreateSlimBuilder();
        connectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        connectorBuilder.Logging.ClearProviders();
        await using var connector = connectorBuilder.Build();
        connector.MapPost("/v3/conversations/{conversation}/activities/{**replyTo}", async (HttpContext http, string conversation, string? replyTo) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = JObject.Parse(await reader.ReadToEndAsync());
            if (body.Value<string>("type") != "message" || string.IsNullOrEmpty(replyTo))
            {
                return Results.Json(new { id = "typing" });
            }

            var key = $"{conversation}|{replyTo}|{body.Value<string>("text")?.GetHashCode(StringComparison.Ordinal)}";
            bool fail;
            lock (random)
            {
                fail = firstAttempts.TryAdd(key, true) && random.NextDouble() < faultRate;
            }

            if (fail)
            {
                Interlocked.Increment(ref faults);
                return Results.StatusCode(503);
            }

            replies.GetOrAdd(replyTo, _ => []).Add(DateTime.UtcNow);
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await connector.StartAsync();
        var serviceUrl = connector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var host = BriefingWebApp.Build(
            Path.Combine(work, "load.db"),
            "http://127.0.0.1:0",
            configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Error",
                ["Ingestion:SamplesPath"] = Path.GetFullPath("samples"),
                ["Briefings:SchedulerEnabled"] = "false",
                ["Ingestion:PollingEnabled"] = "false",
                ["Storage:Provider"] = postgres is null ? "Sqlite" : "Postgres",
                ["Storage:ConnectionString"] = postgres ?? $"Data Source={Path.Combine(work, "load.db")}",
            }));
        await host.StartAsync();
        var botUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(botUrl), Timeout = TimeSpan.FromSeconds(60) };

        // Warm-up turns: load the model, the reader and the vector index before timing.
        await PostAsync(client, serviceUrl, "warm-up", "warm-0", "Which countries joined the NATO meeting?");
        await WaitForReplyAsync(replies, "warm-0", TimeSpan.FromSeconds(60));
        await PostAsync(client, serviceUrl, "warm-up", "warm-1", "Who is the NATO Secretary General?");
        await WaitForReplyAsync(replies, "warm-1", TimeSpan.FromSeconds(60));

        var times = new ConcurrentBag<double>();
        var lost = 0;
        var duplicated = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            for (var t = 0; t < turns; t++)
            {
                var id = $"c{c}-t{t}";
                var started = Stopwatch.GetTimestamp();
                var response = await PostAsync(client, serviceUrl, $"load-{c}", id, Questions[(c + t) % Questions.Length]);
                if (!response.IsSuccessStatusCode || !await WaitForReplyAsync(replies, id, TimeSpan.FromSeconds(30)))
                {
                    Interlocked.Increment(ref lost);
                    continue;
                }

                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        await Task.Delay(1000);
        duplicated = replies.Where(r => r.Key.StartsWith('c')).Count(r => r.Value.Count > 1);

        var sorted = times.Order().ToList();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| store | {(postgres is null ? "SQLite" : "PostgreSQL")} |");
        Console.WriteLine($"| conversations × turns | {conversations} × {turns} = {conversations * turns} turns, all conversations at once |");
        Console.WriteLine($"| connector faults injected (503 on a first attempt) | {faults} ({faultRate:P0} of first attempts) |");
        Console.WriteLine($"| throughput | {sorted.Count / seconds:0.0} turns/s ({seconds:0.0} s) |");
        Console.WriteLine($"| turn time p50 / p95 / max | {Percentile(sorted, 0.50):0} / {Percentile(sorted, 0.95):0} / {sorted.LastOrDefault():0} ms |");
        Console.WriteLine($"| lost replies | {lost} |");
        Console.WriteLine($"| duplicated replies | {duplicated} |");
        Console.WriteLine($"| peak working set | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB |");

        await host.StopAsync();
        await connector.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string serviceUrl, string conversation, string id, string text) =>
        client.PostAsync("/api/messages", new StringContent(
            JsonConvert.SerializeObject(new
            {
                type = "message",
                id,
                channelId = "emulator",
                serviceUrl,
                from = new { id = "user-" + conversation },
                recipient = new { id = "bot" },
                conversation = new { id = conversation },
                text,
            }),
            Encoding.UTF8,
            "application/json"));

    private static async Task<bool> WaitForReplyAsync(ConcurrentDictionary<string, ConcurrentBag<DateTime>> replies, string id, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (replies.ContainsKey(id))
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
