using Weft.Api.Documents;

namespace Weft.Api.Analysis.Support;

/// <summary>Whether a workload runs with a proxy, as Istio decides it for a pod (Weft's WorkloadEntries always do).</summary>
internal static class InMesh
{
    public const string InjectLabel = "sidecar.istio.io/inject";

    public const string NamespaceInjectionLabel = "istio-injection";

    public const string ProxyContainer = "istio-proxy";

    public static bool Workload(AnalysisContext ctx, Workload w) =>
        w.AlwaysInMesh || Decide(ctx, w.Namespace, w.Labels, w.Annotations, w.PodSpec);

    /// <summary>Whether the pods of a controller's template (a Deployment's) run with a proxy.</summary>
    public static bool Template(AnalysisContext ctx, string ns, PodTemplate t) => Decide(ctx, ns, t.Labels, t.Annotations, t.Spec);

    /// <summary>
    /// A pod has a proxy container with an image, or asks for one by label or annotation, or (saying
    /// nothing itself) lives in a namespace labelled for injection.
    /// </summary>
    private static bool Decide(AnalysisContext ctx, string ns, IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations, MapNode? spec)
    {
        if (PodContainers.All(spec).Any(c => c.Name == ProxyContainer && !string.IsNullOrEmpty(c.Image)))
            return true;
        if (labels.TryGetValue(InjectLabel, out var label))
            return label == "true";
        if (annotations.TryGetValue(InjectLabel, out var annotation))
            return annotation == "true";
        return ctx.Namespaces.TryGetValue(ns, out var nsObject)
            && nsObject.Object.Metadata.Label(NamespaceInjectionLabel) == "enabled";
    }
}
