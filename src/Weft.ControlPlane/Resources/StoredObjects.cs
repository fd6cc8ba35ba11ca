using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane.Resources;

/// <summary>
/// How objects are kept in the store and shown to clients. The stored value is the object's JSON
/// with apiVersion, kind and metadata first and status last; the server owns uid, generation and
/// creationTimestamp; resourceVersion is never stored but read from the key's mod_revision, as the
/// Kubernetes API server does on etcd. Working copies are <see cref="JsonObject"/>s that each call
/// builds fresh, so nothing shared is ever mutated.
/// </summary>
public static class StoredObjects
{
    /// <summary>Metadata fields the server sets; a request's values for them are ignored.</summary>
    public static readonly FrozenSet<string> ServerMetadata = new[]
    {
        "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Not "content": changes to these do not bump the generation.
    private static readonly FrozenSet<string> NotContent = new[] { "apiVersion", "kind", "metadata", "status" }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly JsonSerializerOptions Json = new()
    {
        // Readable output for people and CLIs; the API server's escaping of <, > and & buys nothing here.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject? Metadata(JsonObject obj) => obj["metadata"] as JsonObject;

    public static string? String(JsonObject? obj, string property) =>
        obj is not null && obj.TryGetPropertyValue(property, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static string Name(JsonObject obj) => String(Metadata(obj), "name") ?? "";

    public static string Namespace(JsonObject obj) => String(Metadata(obj), "namespace") ?? "";

    /// <summary>The object's labels; values that are not strings (refused by admission) are skipped.</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        if (Metadata(obj)?["labels"] is not JsonObject labels)
            return FrozenDictionary<string, string>.Empty;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in labels)
            if (v is JsonValue value && value.TryGetValue<string>(out var s))
                result[k] = s;
        return result;
    }

    /// <summary>
    /// The object to store for a request body: the body's own fields (status dropped, it is written
    /// only through /status), its user metadata, and the server's identity fields.
    /// </summary>
    public static JsonObject Build(JsonObject body, string ns, string name, ServerFields server, JsonNode? status)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns.Length > 0)
            meta["namespace"] = ns;
        meta["uid"] = server.Uid;
        meta["generation"] = server.Generation;
        meta["creationTimestamp"] = server.CreationTimestamp;
        if (Metadata(body) is { } userMeta)
        {
            foreach (var (k, v) in userMeta)
            {
                if (k is "name" or "namespace" || ServerMetadata.Contains(k))
                    continue;
                meta[k] = v?.DeepClone();
            }
        }
        var obj = new JsonObject
        {
            ["apiVersion"] = body["apiVersion"]?.DeepClone(),
            ["kind"] = body["kind"]?.DeepClone(),
            ["metadata"] = meta,
        };
        foreach (var (k, v) in body)
        {
            if (NotContent.Contains(k))
                continue;
            obj[k] = v?.DeepClone();
        }
        if (status is not null)
            obj["status"] = status.DeepClone();
        return obj;
    }

    /// <summary>The server's fields of a stored object.</summary>
    public static ServerFields ServerFieldsOf(JsonObject stored)
    {
        var meta = Metadata(stored);
        var generation = meta?["generation"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : 1;
        return new ServerFields(String(meta, "uid") ?? "", generation, String(meta, "creationTimestamp") ?? "");
    }

    /// <summary>Whether the user's content (everything but apiVersion, kind, metadata and status) is the same.</summary>
    public static bool SameContent(JsonObject a, JsonObject b) => SameExcept(a, b, NotContent);

    /// <summary>Whether two stored objects are the same except for the version they were written in.</summary>
    public static bool SameIgnoringVersion(JsonObject a, JsonObject b) => SameExcept(a, b, ApiVersionOnly);

    private static readonly FrozenSet<string> ApiVersionOnly = new[] { "apiVersion" }.ToFrozenSet(StringComparer.Ordinal);

    private static bool SameExcept(JsonObject a, JsonObject b, FrozenSet<string> ignored)
    {
        var count = 0;
        foreach (var (k, v) in a)
        {
            if (ignored.Contains(k))
                continue;
            count++;
            if (!b.TryGetPropertyValue(k, out var other) || !JsonNode.DeepEquals(v, other))
                return false;
        }
        foreach (var (k, _) in b)
            if (!ignored.Contains(k))
                count--;
        return count == 0;
    }

    public static byte[] Serialize(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Json);

    public static JsonObject Parse(ReadOnlyMemory<byte> value) =>
        JsonNode.Parse(value.Span) as JsonObject ?? throw new InvalidDataException("a stored value is not a JSON object");

    /// <summary>
    /// The object as clients see it: resourceVersion (the key's mod_revision, or the given one for a
    /// deletion) placed after uid, and for typed kinds the apiVersion of the path it was read through.
    /// </summary>
    public static JsonObject Present(ReadOnlyMemory<byte> value, long resourceVersion, ResourceType? type)
    {
        var obj = Parse(value);
        SetResourceVersion(obj, resourceVersion);
        if (type is { ConvertsVersion: true })
            obj["apiVersion"] = type.ApiVersion;
        return obj;
    }

    public static JsonObject Present(KeyValue kv, ResourceType? type) => Present(kv.Value, kv.ModRevision, type);

    public static void SetResourceVersion(JsonObject obj, long resourceVersion)
    {
        var rv = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Metadata(obj) is not { } meta)
        {
            obj["metadata"] = new JsonObject { ["resourceVersion"] = rv };
            return;
        }
        // Rebuilt to keep Kubernetes' order (name, namespace, uid, resourceVersion, ...).
        var entries = meta.ToList();
        meta.Clear();
        var placed = false;
        foreach (var (k, v) in entries)
        {
            if (k == "resourceVersion")
                continue;
            meta[k] = v;
            if (k == "uid")
            {
                meta["resourceVersion"] = rv;
                placed = true;
            }
        }
        if (!placed)
            meta["resourceVersion"] = rv;
    }
}
