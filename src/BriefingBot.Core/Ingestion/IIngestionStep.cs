namespace BriefingBot.Core.Ingestion;

/// <summary>One step of ingestion. Steps are safe to re-run on the same item.</summary>
public interface IIngestionStep
{
    /// <summary>Runs the step; returns false when the item needs no further steps (e.g. a duplicate).</summary>
    /// <exception cref="IngestionException">The item cannot be ingested; the message says why.</exception>
    Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken);
}

/// <summary>
/// A step that works best on several items at once (embedding: one length-sorted encoder run over the sentences of
/// many articles). The pipeline gives it chunks of items; <see cref="IIngestionStep.RunAsync"/> stays for one item.
/// </summary>
public interface IBatchIngestionStep : IIngestionStep
{
    /// <returns>The items that failed, with the reason; the others go on.</returns>
    Task<IReadOnlyDictionary<IngestionItem, string>> RunBatchAsync(IReadOnlyList<IngestionItem> items, CancellationToken cancellationToken);
}

/// <summary>
/// A check the pipeline repeats just before storing items prepared in a batch: an earlier item of the same batch
/// may have been stored in between (duplicates inside one feed or corpus chunk).
/// </summary>
public interface IRecheckedBeforeStoreStep : IIngestionStep;

/// <summary>An item that cannot be ingested, with a reason fit to show the user.</summary>
public sealed class IngestionException(string message) : Exception(message);
