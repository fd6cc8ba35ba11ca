namespace Weft.Api.Analysis.Support;

/// <summary>
/// Istio's ambient mode, where workloads run without a sidecar: a pod redirected by the node
/// (<c>ambient.istio.io/redirection: enabled</c>), or a namespace labelled
/// <c>istio.io/dataplane-mode: ambient</c> that does not also ask for sidecar injection. Policies
/// written for sidecars have no effect there.
/// </summary>
internal static class Ambient
{
    public static bool Workload(Workload w) => w.Annotations.GetValueOrDefault("ambient.istio.io/redirection") == "enabled";

    public static bool Namespace(AnalysisContext ctx, string ns)
    {
        if (!ctx.Namespaces.TryGetValue(ns, out var input))
            return false;
        var labels = input.Object.Metadata.Labels;
        if (labels is null)
            return false;
        if (labels.GetValueOrDefault("istio-injection") == "enabled" || !string.IsNullOrEmpty(labels.GetValueOrDefault("istio.io/rev")))
            return false;
        return labels.GetValueOrDefault("istio.io/dataplane-mode") == "ambient";
    }
}
