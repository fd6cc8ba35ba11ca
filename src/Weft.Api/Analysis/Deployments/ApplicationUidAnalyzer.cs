using Weft.Api.Analysis.Support;
using Weft.Api.Documents;

namespace Weft.Api.Analysis.Deployments;

/// <summary>
/// No application runs as user 1337: the proxy runs as that user, and the traffic capture rules let
/// its traffic out unintercepted, so an application with that UID would bypass the mesh.
/// </summary>
public sealed class ApplicationUidAnalyzer : IAnalyzer
{
    private const long ProxyUid = 1337;

    public string Name => "applicationUID.Analyzer";

    public string Description => "Checks invalid application UID";

    public IReadOnlyList<string> Inputs => ["Pod", "Deployment"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var pod in ctx.OfKind("", "Pod"))
            Check(ctx, pod, Workload.SpecOf(pod.Object));
        foreach (var deployment in ctx.OfKind("apps", "Deployment"))
            Check(ctx, deployment, PodTemplate.Of(deployment.Object).Spec);
    }

    private static void Check(AnalysisContext ctx, AnalysisInput input, MapNode? spec)
    {
        if (ControlPlane.Owns(input.Object))
            return;
        var offending = PodContainer.RunAsUserOf(spec) == ProxyUid
            || PodContainers.Of(spec).Any(c => c.Name is not (InMesh.ProxyContainer or "istio-operator") && c.RunAsUser == ProxyUid);
        if (offending)
            ctx.Report(Messages.InvalidApplicationUID, input, "spec");
    }
}
