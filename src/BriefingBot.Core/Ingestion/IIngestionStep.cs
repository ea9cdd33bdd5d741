namespace BriefingBot.Core.Ingestion;

/// <summary>One step of ingestion. Steps are safe to re-run on the same item.</summary>
public interface IIngestionStep
{
    /// <summary>Runs the step; returns false when the item needs no further steps (e.g. a duplicate).</summary>
    /// <exception cref="IngestionException">The item cannot be ingested; the message says why.</exception>
    Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken);
}

/// <summary>An item that cannot be ingested, with a reason fit to show the user.</summary>
public sealed class IngestionException(string message) : Exception(message);
