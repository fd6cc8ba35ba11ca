using System.Text.Json.Nodes;
using Weft.ControlPlane.Resources.Labels;

namespace Weft.ControlPlane.Resources;

// Namespaces in Weft are not Kubernetes': an object may be applied into a namespace that has no
// Namespace object (on a laptop or a VM nobody creates them first). So that `weft get namespaces`
// still shows where things are, listing namespaces adds every namespace that only holds objects,
// marked with the annotation weft.io/implicit: "true". Such a namespace cannot be deleted or
// watched (there is no object); creating a Namespace object of that name makes it explicit.
public sealed partial class ResourceService
{
    /// <summary>The annotation that marks a namespace listed only because objects live in it.</summary>
    public const string ImplicitAnnotation = "weft.io/implicit";

    private async Task<ObjectList> ListNamespacesAsync(ResourceType type, LabelSelector selector, CancellationToken ct)
    {
        var (implicitNames, _) = await ImplicitNamespacesAsync(ct);
        // Read second: the list's revision is that of the Namespace objects, which a watch follows.
        var range = await Store.RangeAsync(ResourceKey.CollectionPrefix(type.Group, type.Plural, null), keysOnly: false, ct);
        var byName = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var kv in range.Items)
        {
            var obj = StoredObjects.Present(kv, type);
            byName[StoredObjects.Name(obj)] = obj;
        }
        foreach (var name in implicitNames)
            byName.TryAdd(name, ImplicitNamespace(name));
        var items = byName.Values.Where(o => selector.Matches(StoredObjects.Labels(o))).ToList();
        return new ObjectList(type.ApiVersion, "NamespaceList", range.Revision, items);
    }

    /// <summary>Every namespace some object lives in, from a keys-only scan of the registry.</summary>
    private async Task<(IReadOnlySet<string> Names, long Revision)> ImplicitNamespacesAsync(CancellationToken ct)
    {
        var keys = await Store.RangeAsync(ResourceKey.Root, keysOnly: true, ct);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var kv in keys.Items)
            if (ResourceKey.Parse(kv.Key) is { Namespace.Length: > 0 } key)
                names.Add(key.Namespace);
        return (names, keys.Revision);
    }

    private static JsonObject ImplicitNamespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["annotations"] = new JsonObject { [ImplicitAnnotation] = "true" },
        },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };
}
