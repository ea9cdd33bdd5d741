using BriefingBot.Core.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace BriefingBot.Dialogs.State;

/// <summary>
/// Bot Builder <see cref="IStorage"/> on the document store, with the same ETag contract as MemoryStorage:
/// a write of an <see cref="IStoreItem"/> whose ETag is set (and not "*") must match the stored ETag.
/// </summary>
public sealed class DocumentBotStorage(IDocumentStore documents) : IStorage
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // Types are recorded so typed IStoreItem values round-trip, as MemoryStorage does; the binder only lets
        // this application's, Bot Builder's and the framework's types be materialized.
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new KnownTypesBinder(),
        MaxDepth = null,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stored = await documents.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, document) in stored)
        {
            var json = JObject.Parse(document.Json);
            if (json.ContainsKey("ETag"))
            {
                json["ETag"] = document.ETag;
            }

            if (json.ToObject<object>(Serializer) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var expected = (value as IStoreItem)?.ETag;
            var json = JObject.FromObject(value, Serializer);
            try
            {
                await documents.WriteAsync(key, json.ToString(Formatting.None), expected, cancellationToken).ConfigureAwait(false);
            }
            catch (ETagConflictException ex)
            {
                // Bot Builder's storages signal conflicts with a plain exception whose message says "Etag conflict".
                throw new InvalidOperationException($"Etag conflict. {ex.Message}", ex);
            }
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return documents.DeleteAsync(keys, cancellationToken);
    }

    private sealed class KnownTypesBinder : DefaultSerializationBinder
    {
        public override Type BindToType(string? assemblyName, string typeName)
        {
            var name = assemblyName ?? string.Empty;
            if (!(name.StartsWith("BriefingBot", StringComparison.Ordinal) || name.StartsWith("Microsoft.Bot", StringComparison.Ordinal)
                || name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib" or "System" or "System.Private.CoreLib"
                || name.StartsWith("Newtonsoft.Json", StringComparison.Ordinal) || name.Length == 0))
            {
                throw new JsonSerializationException($"Type from assembly '{name}' is not allowed in bot state.");
            }

            return base.BindToType(assemblyName, typeName);
        }
    }
}
