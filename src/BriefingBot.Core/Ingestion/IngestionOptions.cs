using System.ComponentModel.DataAnnotations;

namespace BriefingBot.Core.Ingestion;

/// <summary>The <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest single document (a text file or one JSON Lines record) accepted, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest web page or feed response read, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxResponseBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>How long one web request may take.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Folder ingested by <c>serve</c> when the store is empty, relative to the working directory or the app.</summary>
    public string SamplesPath { get; set; } = "samples";

    /// <summary>Whether <c>serve</c> ingests <see cref="SamplesPath"/> into an empty store.</summary>
    public bool LoadSamplesWhenEmpty { get; set; } = true;

    /// <summary>Feed and page URLs polled from the start (added to the stored sources when missing).</summary>
    public List<string> Feeds { get; set; } = [];

    /// <summary>Whether this instance polls the sources (every instance may; leases keep each poll single).</summary>
    public bool PollingEnabled { get; set; } = true;

    /// <summary>How often a healthy source is polled (±10 % jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the poller looks for due sources.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollTick { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A source is disabled after this many failed polls in a row (the reason stays visible).</summary>
    [Range(1, 1000)]
    public int MaxPollFailures { get; set; } = 5;

    /// <summary>The longest wait between retries of a failing source (the backoff doubles up to it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxPollBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Stories whose SimHash fingerprints differ in at most this many of 64 bits are one story (0 turns
    /// near-duplicate merging off; exact copies are always merged). Over the 2,225 BBC stories every pair within 8
    /// bits was the same story re-edited (3-shingle Jaccard 0.71 or more); unrelated pairs were 12 bits apart or more.
    /// </summary>
    [Range(0, MaxNearDuplicateBits)]
    public int NearDuplicateBits { get; set; } = 8;

    /// <summary>The largest <see cref="NearDuplicateBits"/> allowed.</summary>
    public const int MaxNearDuplicateBits = 16;

    /// <summary>How far back (by arrival) a near-duplicate is looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan NearDuplicateWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Feed items whose text is shorter than this (a teaser) are replaced by the main text of the page they link to;
    /// 0 (the default) keeps feed items as they are.
    /// </summary>
    [Range(0, 100_000)]
    public int FetchFullPageBelowChars { get; set; }

    /// <summary>The most linked pages one feed read fetches for teasers.</summary>
    [Range(0, 1000)]
    public int MaxFullPagesPerFeed { get; set; } = 20;
}
