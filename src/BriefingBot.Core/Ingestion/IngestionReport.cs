namespace BriefingBot.Core.Ingestion;

/// <summary>What an ingestion run did.</summary>
public sealed record IngestionReport(int Added, int Duplicates, IReadOnlyList<IngestionFailure> Failed, IReadOnlyList<long> AddedIds);

/// <summary>An input that could not be ingested and why.</summary>
public sealed record IngestionFailure(string Source, string Error);
