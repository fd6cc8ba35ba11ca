using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Api.Kinds;
using Weft.Api.Validation;
using Weft.ControlPlane.Resources.Labels;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane.Resources;

/// <summary>
/// The Kubernetes-style object layer over <see cref="IResourceStore"/>: identity (uid,
/// creationTimestamp), generation, resourceVersion (the key's mod_revision), admission, optimistic
/// concurrency and the status subresource. Every write is a store transaction guarded by the
/// mod_revision it read, so two writers never overwrite each other unnoticed; a writer that did
/// not name a resourceVersion simply reads again and retries.
/// </summary>
public sealed partial class ResourceService(IResourceStore store, Admission admission, TimeProvider time, ILogger<ResourceService> log)
{
    // Retries of a read-modify-write that lost a race with another writer (not with the client's
    // own stale resourceVersion, which is a conflict at once). Each retry sees a newer revision.
    private const int MaxAttempts = 16;

    public IResourceStore Store => store;

    public KindRegistry Registry => admission.Registry;

    /// <summary>The type of the core Namespace kind, whether or not the registry types it.</summary>
    public ResourceType NamespaceType => Registry.Find("", "Namespace") is { } info
        ? ResourceType.Of(info)
        : ResourceType.Of(KindRegistry.Synthesize("", "v1", "Namespace"));

    public async Task<JsonObject> GetAsync(ResourceType type, string ns, string name, CancellationToken ct)
    {
        var kv = await store.GetAsync(Key(type, ns, name), ct);
        if (kv is not null)
            return StoredObjects.Present(kv, type);
        if (IsNamespaces(type) && await ImplicitNamespacesAsync(ct) is var (names, _) && names.Contains(name))
            return ImplicitNamespace(name);
        throw new ApiException(ApiStatus.NotFound(type, name));
    }

    /// <summary>Objects of a type in one namespace (or all, when <paramref name="ns"/> is null) that match the selector.</summary>
    public async Task<ObjectList> ListAsync(ResourceType type, string? ns, LabelSelector selector, CancellationToken ct)
    {
        if (IsNamespaces(type))
            return await ListNamespacesAsync(type, selector, ct);
        var range = await store.RangeAsync(ResourceKey.CollectionPrefix(type.Group, type.Plural, ns), keysOnly: false, ct);
        var items = new List<JsonObject>(range.Items.Count);
        foreach (var kv in range.Items)
        {
            var obj = StoredObjects.Present(kv, type);
            if (selector.Matches(StoredObjects.Labels(obj)))
                items.Add(obj);
        }
        var kind = type.Info?.Kind ?? (items.Count > 0 ? StoredObjects.String(items[0], "kind") : null);
        return new ObjectList(type.ApiVersion, kind is null ? "List" : kind + "List", range.Revision, items);
    }

    public async Task<JsonObject> CreateAsync(ResourceType type, string ns, JsonObject body, CancellationToken ct)
    {
        (type, body) = Prepare(type, body, ns, urlName: null);
        var name = StoredObjects.Name(body);
        if (name.Length == 0 && StoredObjects.String(StoredObjects.Metadata(body), "generateName") is { Length: > 0 } prefix)
        {
            name = GenerateName(prefix);
            StoredObjects.Metadata(body)!["name"] = name;
        }
        if (StoredObjects.String(StoredObjects.Metadata(body), "resourceVersion") is { Length: > 0 } rv)
            throw Refused(type, name, ApiStatus.BadRequest($"metadata.resourceVersion must not be set on an object to be created (it is \"{rv}\"); use PUT to update an object"));
        Admit(type, body, name);
        var stored = StoredObjects.Build(body, NamespaceOf(type, ns), name, NewServerFields(), status: null);
        var key = Key(type, ns, name);
        var result = await store.TxnAsync(new Txn([Compare.Absent(key)], [new TxnOp.Put(key, StoredObjects.Serialize(stored))]), ct);
        if (!result.Succeeded)
            throw Refused(type, name, ApiStatus.AlreadyExists(type, name));
        LogWritten(log, "created", type.QualifiedPlural, ns, name, result.Revision);
        return Show(stored, result.Revision, type);
    }

    /// <summary>Replaces an object (PUT): the body's metadata.resourceVersion must be the object's current one.</summary>
    public async Task<JsonObject> UpdateAsync(ResourceType type, string ns, string name, JsonObject body, CancellationToken ct)
    {
        (type, body) = Prepare(type, body, ns, name);
        var rv = StoredObjects.String(StoredObjects.Metadata(body), "resourceVersion");
        var expected = ParseResourceVersion(rv, "metadata.resourceVersion", out var rvError);
        var errors = new List<FieldError>();
        if (rv is null)
            errors.Add(FieldError.Invalid("metadata.resourceVersion", 0, "must be specified for an update"));
        else if (rvError is not null)
            errors.Add(rvError);
        errors.AddRange(AdmissionErrors(type, body));
        if (errors.Count > 0)
            throw Refused(type, name, Invalid(type, body, name, errors));
        var key = Key(type, ns, name);
        var existing = await store.GetAsync(key, ct) ?? throw Refused(type, name, ApiStatus.NotFound(type, name));
        if (existing.ModRevision != expected)
            throw Refused(type, name, ApiStatus.Conflict(type, name));
        var current = StoredObjects.Parse(existing.Value);
        var stored = Replace(current, body, NamespaceOf(type, ns), name);
        if (StoredObjects.SameIgnoringVersion(stored, current))
            return StoredObjects.Present(existing, type);
        var result = await store.TxnAsync(new Txn([new Compare(key, expected)], [new TxnOp.Put(key, StoredObjects.Serialize(stored))]), ct);
        if (!result.Succeeded)
        {
            throw Refused(type, name, result.Failed[0].Actual == 0
                ? ApiStatus.NotFound(type, name)
                : ApiStatus.Conflict(type, name));
        }
        LogWritten(log, "updated", type.QualifiedPlural, ns, name, result.Revision);
        return Show(stored, result.Revision, type);
    }

    /// <summary>Replaces an object's status (PUT .../status) and nothing else; the generation does not change.</summary>
    public async Task<JsonObject> UpdateStatusAsync(ResourceType type, string ns, string name, JsonObject body, CancellationToken ct)
    {
        (type, body) = Prepare(type, body, ns, name);
        var rv = StoredObjects.String(StoredObjects.Metadata(body), "resourceVersion");
        long? expected = null;
        if (rv is not null)
        {
            expected = ParseResourceVersion(rv, "metadata.resourceVersion", out var rvError);
            if (rvError is not null)
                throw Refused(type, name, Invalid(type, body, name, [rvError]));
        }
        var status = body["status"];
        if (status is not null and not JsonObject)
            throw Refused(type, name, Invalid(type, body, name, [FieldError.WrongType("status", "object", status.GetValueKind().ToString().ToLowerInvariant())]));
        var key = Key(type, ns, name);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await store.GetAsync(key, ct) ?? throw Refused(type, name, ApiStatus.NotFound(type, name));
            if (expected is { } e && existing.ModRevision != e)
                throw Refused(type, name, ApiStatus.Conflict(type, name));
            var stored = StoredObjects.Parse(existing.Value);
            var before = (JsonObject)stored.DeepClone();
            stored.Remove("status");
            if (status is not null)
                stored["status"] = status.DeepClone();
            if (JsonNode.DeepEquals(stored, before))
                return StoredObjects.Present(existing, type);
            var result = await store.TxnAsync(new Txn([new Compare(key, existing.ModRevision)], [new TxnOp.Put(key, StoredObjects.Serialize(stored))]), ct);
            if (result.Succeeded)
            {
                LogWritten(log, "updated the status of", type.QualifiedPlural, ns, name, result.Revision);
                return Show(stored, result.Revision, type);
            }
        }
        throw Refused(type, name, Busy(type, name));
    }

    /// <summary>Deletes an object; with a precondition, only when it is still at that resourceVersion. Returns its last state.</summary>
    public async Task<JsonObject> DeleteAsync(ResourceType type, string ns, string name, long? precondition, CancellationToken ct)
    {
        var key = Key(type, ns, name);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await store.GetAsync(key, ct) ?? throw Refused(type, name, ApiStatus.NotFound(type, name));
            if (precondition is { } p && existing.ModRevision != p)
            {
                throw Refused(type, name, ApiStatus.Conflict(type, name,
                    $"Precondition failed: ResourceVersion in precondition: {p}, ResourceVersion in object meta: {existing.ModRevision}"));
            }
            var result = await store.TxnAsync(new Txn([new Compare(key, existing.ModRevision)], [new TxnOp.Delete(key)]), ct);
            if (result.Succeeded)
            {
                LogWritten(log, "deleted", type.QualifiedPlural, ns, name, result.Revision);
                return StoredObjects.Present(existing, type);
            }
        }
        throw Refused(type, name, Busy(type, name));
    }

    /// <summary>Parses a resourceVersion (a decimal revision); null when absent, with an error when malformed.</summary>
    public static long ParseResourceVersion(string? text, string field, out FieldError? error)
    {
        error = null;
        if (text is null)
            return 0;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            return n;
        error = FieldError.Invalid(field, text, "must be a resourceVersion this server returned (a positive decimal number)");
        return 0;
    }

    internal static string Key(ResourceType type, string ns, string name) =>
        new ResourceKey(type.Group, type.Plural, NamespaceOf(type, ns), name).StoreKey;

    private static string NamespaceOf(ResourceType type, string ns) => type.Namespaced ? ns : "";

    private static bool IsNamespaces(ResourceType type) => type.Group.Length == 0 && type.Plural == "namespaces";

    private ServerFields NewServerFields() => new(
        Guid.NewGuid().ToString(),
        1,
        time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>The stored object for a replacement: the body's content, the current identity and status, the generation bumped when the content changed.</summary>
    private static JsonObject Replace(JsonObject current, JsonObject body, string ns, string name)
    {
        ClusterIPs.ClusterIPRetention.Keep(current, body);
        var server = StoredObjects.ServerFieldsOf(current);
        var candidate = StoredObjects.Build(body, ns, name, server, current["status"]);
        if (StoredObjects.SameContent(candidate, current))
            return candidate;
        return StoredObjects.Build(body, ns, name, server with { Generation = server.Generation + 1 }, current["status"]);
    }

    /// <summary>
    /// Checks that the body is an object of the path's type and completes it: the namespace from
    /// the path (cluster-scoped kinds have none), the name from the path for PUT. Returns the type
    /// made precise by the body's kind when the path named a plural Weft does not know.
    /// </summary>
    private (ResourceType Type, JsonObject Body) Prepare(ResourceType type, JsonObject body, string ns, string? urlName)
    {
        var info = admission.Resolve(body, out var kindError);
        if (info is null)
            throw Refused(type, urlName ?? StoredObjects.Name(body), Invalid(type, body, urlName ?? StoredObjects.Name(body), [kindError!]));
        if (info.Group != type.Group || info.Plural != type.Plural)
        {
            throw Refused(type, urlName ?? StoredObjects.Name(body), ApiStatus.BadRequest(
                $"the object is a {info.Kind} ({info.ApiVersion(VersionOf(body))}, served as {info.QualifiedPlural}) but the request is for {type.QualifiedPlural}"));
        }
        if (type.Info is null)
        {
            if (info.Namespaced != (ns.Length > 0))
            {
                throw Refused(type, urlName ?? StoredObjects.Name(body), ApiStatus.BadRequest(info.Namespaced
                    ? $"{info.QualifiedPlural} is namespaced: write it under /namespaces/NAMESPACE/{info.Plural}"
                    : $"{info.QualifiedPlural} is cluster-scoped: write it without a namespace in the path"));
            }
            type = type with { Namespaced = info.Namespaced, Info = info };
        }
        var copy = (JsonObject)body.DeepClone();
        if (copy["metadata"] is not JsonObject meta)
        {
            if (copy["metadata"] is not null)
                throw Refused(type, urlName ?? "", Invalid(type, body, urlName ?? "", [FieldError.WrongType("metadata", "object", copy["metadata"]!.GetValueKind().ToString().ToLowerInvariant())]));
            copy["metadata"] = meta = new JsonObject();
        }
        var bodyNs = StoredObjects.String(meta, "namespace");
        if (type.Namespaced)
        {
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
                throw Refused(type, urlName ?? StoredObjects.Name(copy), ApiStatus.BadRequest($"the namespace of the provided object ({bodyNs}) does not match the namespace sent on the request ({ns})"));
            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }
        if (urlName is not null)
        {
            var bodyName = StoredObjects.Name(copy);
            if (bodyName.Length > 0 && bodyName != urlName)
                throw Refused(type, urlName, ApiStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({urlName})"));
            meta["name"] = urlName;
        }
        return (type, copy);
    }

    private void Admit(ResourceType type, JsonObject body, string name)
    {
        var errors = AdmissionErrors(type, body);
        if (errors.Count > 0)
            throw Refused(type, name, Invalid(type, body, name, errors));
    }

    private IReadOnlyList<FieldError> AdmissionErrors(ResourceType type, JsonObject body)
    {
        // Status is written only through /status: it is not part of what is admitted.
        var candidate = (JsonObject)body.DeepClone();
        candidate.Remove("status");
        return admission.Admit(candidate).Errors;
    }

    private static ApiStatus Invalid(ResourceType type, JsonObject body, string name, IReadOnlyList<FieldError> errors) =>
        ApiStatus.Invalid(type.Group, type.Info?.Kind ?? StoredObjects.String(body, "kind") ?? type.Plural, name, errors);

    private static ApiStatus Busy(ResourceType type, string name) => ApiStatus.Conflict(type, name,
        $"the object kept changing while this request tried to write it ({MaxAttempts} attempts); try again");

    private ApiException Refused(ResourceType type, string name, ApiStatus status)
    {
        LogRefused(log, status.Code, status.Reason, type.QualifiedPlural, name, status.Message);
        return new ApiException(status);
    }

    private static JsonObject Show(JsonObject stored, long revision, ResourceType type)
    {
        var obj = (JsonObject)stored.DeepClone();
        StoredObjects.SetResourceVersion(obj, revision);
        if (type.ConvertsVersion)
            obj["apiVersion"] = type.ApiVersion;
        return obj;
    }

    // Kubernetes' generateName suffix: five characters without vowels (no accidental words) or look-alikes.
    private static string GenerateName(string prefix)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
            suffix[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        return prefix + new string(suffix);
    }
}
