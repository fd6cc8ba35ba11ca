using Weft.Api.Analysis.Support;

namespace Weft.Api.Analysis.Annotations;

/// <summary>
/// Istio annotations on Namespaces, Services, Pods and Deployments are ones Istio defines, placed on
/// a kind they apply to, with a value they accept, and not deprecated.
/// </summary>
public sealed class K8sAnnotationsAnalyzer : IAnalyzer
{
    private const string InjectLabelExtra = " in favor of the \"sidecar.istio.io/inject\" label";

    public string Name => "annotations.K8sAnalyzer";

    public string Description => "Checks for misplaced and invalid Istio annotations in Kubernetes resources";

    public IReadOnlyList<string> Inputs => ["Namespace", "Service", "Pod", "Deployment"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var input in AnnotationTargets.Of(ctx))
        {
            var meta = input.Object.Metadata;
            foreach (var (name, value) in meta.Annotations ?? new Dictionary<string, string>())
            {
                if (!IstioAnnotation.IsIstio(name))
                    continue;
                var at = AnnotationTargets.Path(name);
                var def = IstioAnnotations.Find(name);
                if (def is null)
                {
                    ctx.Report(Messages.UnknownAnnotation, input, at, name);
                    continue;
                }
                // Keeping the old annotation beside its replacement label is deliberate compatibility, not a mistake.
                if (def.Deprecated && !(name == IstioAnnotations.SidecarInject && (meta.Labels?.ContainsKey(InMesh.InjectLabel) ?? false)))
                    ctx.Report(Messages.DeprecatedAnnotation, input, at, name, name == IstioAnnotations.SidecarInject ? InjectLabelExtra : "");
                if (def.Resources.Contains(IstioAnnotation.AnyResource))
                    continue;
                if (!def.AppliesTo(input.Object.Kind))
                {
                    ctx.Report(Messages.MisplacedAnnotation, input, at, name, string.Join(", ", def.Resources));
                    continue;
                }
                if (AnnotationValues.Check(name, value) is { } problem)
                    ctx.Report(Messages.InvalidAnnotation, input, at, name, problem);
            }
        }
    }
}
