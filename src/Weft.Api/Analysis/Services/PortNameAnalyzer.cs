using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;

namespace Weft.Api.Analysis.Services;

/// <summary>
/// Every port of a Service names its protocol (<c>http</c>, <c>grpc-web</c>, <c>tcp-db</c>...) or sets
/// <c>appProtocol</c>, so the proxy knows how to handle it; an ExternalName service's ports must not
/// be plain <c>tcp</c>. System namespaces and the control plane's own services are not checked.
/// </summary>
public sealed class PortNameAnalyzer : IAnalyzer
{
    // Namespaces the mesh never injects (Istio's inject.IgnoredNamespaces).
    private static readonly HashSet<string> SystemNamespaces = new(StringComparer.Ordinal)
    {
        "kube-system", "kube-public", "kube-node-lease", "local-path-storage",
    };

    public string Name => "service.PortNameAnalyzer";

    public string Description => "Checks the port names associated with each service";

    public IReadOnlyList<string> Inputs => ["Service"];

    public void Analyze(AnalysisContext ctx)
    {
        foreach (var (svc, input) in ctx.OfType<Service>())
        {
            var labels = svc.Metadata.Labels;
            if (SystemNamespaces.Contains(svc.Namespace) || ControlPlane.Owns(svc)
                // Gateways and waypoints the implementation deploys name their own ports.
                || (labels?.ContainsKey("gateway.istio.io/managed") ?? false))
                continue;
            var externalName = svc.Spec?.TypeOrDefault == ServiceTypes.ExternalName;
            var ports = svc.Spec?.Ports ?? [];
            for (var i = 0; i < ports.Count; i++)
            {
                var p = ports[i];
                if (PortNames.IsSupported(p.Port ?? 0, p.Name, p.Protocol, p.AppProtocol) && !(p.Name == "tcp" && externalName))
                    continue;
                var at = $"spec.ports[{i}]";
                if (externalName)
                    ctx.Report(Messages.ExternalNameServiceTypeInvalidPortName, input, at);
                else
                    ctx.Report(Messages.PortNameIsNotUnderNamingConvention, input, at, p.Name ?? "", p.Port ?? 0, p.TargetPort?.ToString() ?? "0");
            }
        }
    }
}
