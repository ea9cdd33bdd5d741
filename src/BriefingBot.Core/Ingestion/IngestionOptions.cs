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
}
