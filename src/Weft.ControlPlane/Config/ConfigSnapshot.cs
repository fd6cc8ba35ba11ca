using System.Collections.Frozen;
using System.Collections.Immutable;
using Weft.Api.Model.Meta;

namespace Weft.ControlPlane.Config;

/// <summary>
/// Every stored object at one store revision, typed and immutable: what analysis and the
/// per-proxy translation read (Istio's PushContext is built from one of these). A change is a new
/// snapshot; nothing in one ever changes.
/// </summary>
public sealed class ConfigSnapshot
{
    private readonly FrozenDictionary<Type, ImmutableArray<StoredConfig>> _byType;

    public ConfigSnapshot(long revision, ImmutableArray<StoredConfig> objects)
    {
        Revision = revision;
        Objects = objects;
        _byType = objects.GroupBy(o => o.Object.GetType()).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
    }

    public static ConfigSnapshot Empty { get; } = new(0, []);

    /// <summary>The store revision this snapshot reflects.</summary>
    public long Revision { get; }

    /// <summary>Every object, in store key order (group, plural, namespace, name).</summary>
    public ImmutableArray<StoredConfig> Objects { get; }

    /// <summary>Every object of one typed kind.</summary>
    public IEnumerable<T> OfType<T>() where T : KubeObject
    {
        if (_byType.TryGetValue(typeof(T), out var list))
            foreach (var o in list)
                yield return (T)o.Object;
    }

    /// <summary>Objects of a kind stored as written (Pod, Deployment).</summary>
    public IEnumerable<StoredConfig> OfKind(string group, string kind) =>
        Objects.Where(o => o.Kind.Group == group && o.Kind.Kind == kind);
}
