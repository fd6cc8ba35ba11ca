using System.Globalization;
using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;

namespace Weft.Api.Analysis.Deployments;

/// <summary>
/// The Services in front of one Deployment in the mesh agree: one protocol per port number, and one
/// service port per target port. Otherwise the proxy cannot tell how to treat the traffic.
/// </summary>
public sealed class MultiServiceAnalyzer : IAnalyzer
{
    public string Name => "deployment.MultiServiceAnalyzer";

    public string Description => "Checks association between services and pods";

    public IReadOnlyList<string> Inputs => ["Service", "Deployment", "Namespace"];

    public void Analyze(AnalysisContext ctx)
    {
        var services = ctx.OfType<Service>().Select(s => s.Object).ToList();
        foreach (var input in ctx.OfKind("apps", "Deployment"))
        {
            var deployment = input.Object;
            var template = PodTemplate.Of(deployment);
            // Waypoints are deployed by the implementation for Gateway API gateways.
            if (deployment.Metadata.Label("gateway.istio.io/managed") == "istio.io-mesh-controller"
                || !InMesh.Template(ctx, deployment.Namespace, template))
                continue;
            var matching = services.Where(s => s.Namespace == deployment.Namespace && (s.Spec?.Selector?.Count ?? 0) > 0
                && LabelSelectors.Matches(s.Spec!.Selector, template.Labels)).ToList();
            CheckProtocols(ctx, input, matching);
            CheckTargetPorts(ctx, input, matching);
        }
    }

    private static void CheckProtocols(AnalysisContext ctx, AnalysisInput deployment, List<Service> services)
    {
        var byPort = new SortedDictionary<int, Dictionary<string, List<string>>>();
        foreach (var svc in services)
        {
            foreach (var p in svc.Spec?.Ports ?? [])
            {
                var port = p.Port ?? 0;
                if (!byPort.TryGetValue(port, out var protocols))
                    byPort[port] = protocols = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                if (!protocols.TryGetValue(p.ProtocolOrDefault, out var names))
                    protocols[p.ProtocolOrDefault] = names = [];
                names.Add(FullName(svc));
            }
        }
        foreach (var (port, protocols) in byPort)
            if (protocols.Count > 1)
                ctx.Report(Messages.DeploymentAssociatedToMultipleServices, deployment, "metadata.name", deployment.Object.Name, port,
                    protocols.Values.SelectMany(n => n).Order(StringComparer.Ordinal).ToList());
    }

    private static void CheckTargetPorts(AnalysisContext ctx, AnalysisInput deployment, List<Service> services)
    {
        var byTarget = new Dictionary<string, SortedDictionary<int, string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var svc in services)
        {
            foreach (var p in svc.Spec?.Ports ?? [])
            {
                var port = p.Port ?? 0;
                // An unset target port is the port itself.
                var target = p.TargetPort?.ToString() is { Length: > 0 } t && t != "0" ? t : port.ToString(CultureInfo.InvariantCulture);
                if (!byTarget.TryGetValue(target, out var ports))
                {
                    byTarget[target] = ports = [];
                    order.Add(target);
                }
                ports[port] = FullName(svc);
            }
        }
        foreach (var target in order)
        {
            var ports = byTarget[target];
            if (ports.Count > 1)
                ctx.Report(Messages.DeploymentConflictingPorts, deployment, "metadata.name", deployment.Object.Name,
                    ports.Values.Order(StringComparer.Ordinal).ToList(), target, ports.Keys.ToList());
        }
    }

    private static string FullName(Service s) => new ObjectName(s.Namespace, s.Name).ToString();
}
