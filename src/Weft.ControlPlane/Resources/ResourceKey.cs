namespace Weft.ControlPlane.Resources;

/// <summary>
/// Where an object lives in the store: <c>/registry/GROUP/PLURAL/NAMESPACE/NAME</c>, or without the
/// namespace for cluster-scoped kinds; the core group is spelled <c>core</c> (a group Kubernetes
/// cannot have: CRD groups need a dot and no built-in group is called that). The plural stands
/// for the kind, as in Kubernetes' own etcd layout: the registry maps each kind to one plural, and
/// a REST path names the plural, so reading a kind Weft has never seen needs no kind lookup.
/// </summary>
public sealed record ResourceKey(string Group, string Plural, string Namespace, string Name)
{
    public const string Root = "/registry/";

    private const string CoreSegment = "core";

    public string StoreKey => Namespace.Length == 0
        ? $"{Root}{GroupSegment(Group)}/{Plural}/{Name}"
        : $"{Root}{GroupSegment(Group)}/{Plural}/{Namespace}/{Name}";

    /// <summary>The prefix of every object of a type, in one namespace or (null) in all.</summary>
    public static string CollectionPrefix(string group, string plural, string? ns) => string.IsNullOrEmpty(ns)
        ? $"{Root}{GroupSegment(group)}/{plural}/"
        : $"{Root}{GroupSegment(group)}/{plural}/{ns}/";

    /// <summary>Reads a store key back; null for keys outside the registry layout.</summary>
    public static ResourceKey? Parse(string key)
    {
        if (!key.StartsWith(Root, StringComparison.Ordinal))
            return null;
        var parts = key[Root.Length..].Split('/');
        var group = parts[0] == CoreSegment ? "" : parts[0];
        return parts.Length switch
        {
            3 => new ResourceKey(group, parts[1], "", parts[2]),
            4 => new ResourceKey(group, parts[1], parts[2], parts[3]),
            _ => null,
        };
    }

    public override string ToString() => StoreKey;

    private static string GroupSegment(string group) => group.Length == 0 ? CoreSegment : group;
}
