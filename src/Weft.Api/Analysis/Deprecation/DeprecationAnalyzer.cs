using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Deprecation;

/// <summary>
/// Deprecated fields still written (a fault delay's <c>percent</c>, a Sidecar's <c>egressProxy</c>)
/// and custom resource definitions of Istio APIs that were removed.
/// </summary>
public sealed class DeprecationAnalyzer : IAnalyzer
{
    // Istio's RBAC kinds, removed in favour of AuthorizationPolicy.
    private static readonly (string Group, string Kind)[] RemovedKinds =
    [
        ("rbac.istio.io", "ClusterRbacConfig"),
        ("rbac.istio.io", "RbacConfig"),
        ("rbac.istio.io", "ServiceRole"),
        ("rbac.istio.io", "ServiceRoleBinding"),
    ];

    public string Name => "deprecation.DeprecationAnalyzer";

    public string Description => "Checks for deprecated Istio types and fields";

    public IReadOnlyList<string> Inputs => ["VirtualService", "Sidecar", "CustomResourceDefinition"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var (vs, input) in ctx.OfType<VirtualService>())
        {
            var http = vs.Spec?.Http ?? [];
            for (var i = 0; i < http.Count; i++)
                if (http[i].Fault?.Delay?.Percent is > 0)
                    ctx.Report(Messages.Deprecated, input, $"spec.http[{i}].fault.delay.percent",
                        "HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage");
        }
        foreach (var (sc, input) in ctx.OfType<Sidecar>())
            if (sc.Spec?.OutboundTrafficPolicy?.EgressProxy is not null)
                ctx.Report(Messages.Deprecated, input, "spec.outboundTrafficPolicy.egressProxy", "OutboundTrafficPolicy.EgressProxy ignored");
        foreach (var crd in ctx.OfKind("apiextensions.k8s.io", "CustomResourceDefinition"))
        {
            var spec = Workload.SpecOf(crd.Object);
            var group = spec?.GetString("group");
            var kind = spec?.GetMap("names")?.GetString("kind");
            foreach (var removed in RemovedKinds)
                if (removed.Group == group && removed.Kind == kind)
                    ctx.Report(Messages.Deprecated, crd, "spec.names.kind", $"Custom resource type {group} {kind} is removed");
        }
    }
}
