using System.Collections.Immutable;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// Istio's exportTo: to which namespaces an object is visible. <c>*</c> every namespace,
/// <c>.</c> its own, <c>~</c> none, else namespace names (its own only when listed).
/// </summary>
public sealed record Visibility(bool All, bool None, ImmutableHashSet<string> Namespaces)
{
    public static Visibility Public { get; } = new(true, false, []);

    /// <summary>The object's own exportTo, or the mesh default for its kind when it sets none.</summary>
    public static Visibility Of(IReadOnlyList<string>? exportTo, IReadOnlyList<string>? meshDefault, string ownNamespace)
    {
        var list = exportTo is { Count: > 0 } ? exportTo : meshDefault is { Count: > 0 } ? meshDefault : ["*"];
        if (list.Contains("*"))
            return Public;
        if (list.Count == 1 && list[0] == "~")
            return new(false, true, []);
        var set = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var e in list)
            set.Add(e == "." ? ownNamespace : e);
        return new(false, false, set.ToImmutable());
    }

    public bool VisibleTo(string ns) => All || (!None && Namespaces.Contains(ns));
}
