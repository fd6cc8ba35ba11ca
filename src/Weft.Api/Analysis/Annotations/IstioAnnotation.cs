namespace Weft.Api.Analysis.Annotations;

/// <summary>
/// One annotation of Istio's API that Weft reads or knows: its name, the kinds it belongs on
/// (<c>Any</c> for all), how settled it is, and whether it is deprecated.
/// </summary>
public sealed record IstioAnnotation(string Name, IReadOnlyList<string> Resources, FeatureStatus Status, bool Deprecated = false)
{
    public const string AnyResource = "Any";

    public bool AppliesTo(string kind) => Resources.Contains(AnyResource) || Resources.Contains(kind);

    /// <summary>
    /// Whether an annotation is in Istio's namespace (its prefix ends with <c>istio.io</c>), or is the one
    /// Kubernetes annotation Istio documents, <c>kubernetes.io/ingress.class</c>.
    /// </summary>
    public static bool IsIstio(string annotation)
    {
        if (annotation == "kubernetes.io/ingress.class")
            return true;
        var slash = annotation.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? annotation : annotation[..slash];
        return prefix.EndsWith("istio.io", StringComparison.Ordinal);
    }
}
