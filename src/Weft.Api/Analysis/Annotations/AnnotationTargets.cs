namespace Weft.Api.Analysis.Annotations;

/// <summary>The objects whose annotations Istio's annotation analyzers read: Namespaces, Services, Pods and Deployments.</summary>
internal static class AnnotationTargets
{
    public static IEnumerable<AnalysisInput> Of(AnalysisContext ctx) =>
        ctx.Inputs.Where(i => (i.Kind.Group, i.Kind.Kind) is ("", "Namespace") or ("", "Service") or ("", "Pod") or ("apps", "Deployment"));

    public static string Path(string annotation) => $"metadata.annotations[{annotation}]";
}
