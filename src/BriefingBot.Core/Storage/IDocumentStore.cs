namespace BriefingBot.Core.Storage;

/// <summary>
/// Key/value JSON documents with optimistic concurrency, the backing of the bot's conversation and user state.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The stored documents among <paramref name="keys"/>; missing keys are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, StoredDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a document. When <paramref name="expectedETag"/> is null, empty or "*" the write is unconditional;
    /// otherwise it must equal the stored document's ETag or <see cref="ETagConflictException"/> is thrown.
    /// </summary>
    /// <returns>The document's new ETag.</returns>
    Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Creates a document only if the key is new, atomically across processes sharing the store.</summary>
    /// <returns>False when the key already existed (nothing is written).</returns>
    Task<bool> TryAddAsync(string key, string json, CancellationToken cancellationToken = default);
}

/// <summary>A stored JSON document and its current ETag.</summary>
public sealed record StoredDocument(string Json, string ETag);

/// <summary>Thrown when a conditional write finds a different ETag than the caller read.</summary>
public sealed class ETagConflictException(string key, string? expected, string? actual)
    : Exception($"ETag conflict on '{key}': expected {expected ?? "(none)"}, found {actual ?? "(none)"}.")
{
    public string Key { get; } = key;
}
