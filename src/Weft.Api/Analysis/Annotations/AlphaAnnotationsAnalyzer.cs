using Weft.Api.Analysis.Support;

namespace Weft.Api.Analysis.Annotations;

/// <summary>
/// Istio annotations of alpha-phase features on Namespaces, Services, Pods and Deployments, which
/// may change or go. Opt-in, as in Istio: the injector writes some of them itself, which is noise.
/// </summary>
public sealed class AlphaAnnotationsAnalyzer : IAnalyzer
{
    public string Name => "annotations.AlphaAnalyzer";

    public string Description => "Checks for alpha Istio annotations in Kubernetes resources";

    public IReadOnlyList<string> Inputs => ["Namespace", "Service", "Pod", "Deployment"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var input in AnnotationTargets.Of(ctx))
        {
            // Without the istio-init container the CNI plugin captures traffic and the injector writes the capture annotations.
            var cni = input.Object.Kind == "Pod"
                && !PodContainers.Of(Workload.SpecOf(input.Object), "initContainers").Any(c => c.Name == "istio-init");
            foreach (var name in input.Object.Metadata.Annotations?.Keys ?? [])
            {
                if (!IstioAnnotation.IsIstio(name) || IstioAnnotations.Find(name) is not { Status: FeatureStatus.Alpha } def)
                    continue;
                if (def.Name == IstioAnnotations.SidecarStatus || (cni && IstioAnnotations.SetByInjector(def.Name)))
                    continue;
                ctx.Report(Messages.AlphaAnnotation, input, AnnotationTargets.Path(name), name);
            }
        }
    }
}
