using System.Globalization;
using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Deployments;

/// <summary>
/// The Services in front of one Deployment in the mesh (or one WorkloadGroup of VMs) agree: one
/// protocol per port number, and one service port per target port. Otherwise the proxy cannot tell
/// how to treat the traffic.
/// </summary>
public sealed class MultiServiceAnalyzer : IAnalyzer
{
    public string Name => "deployment.MultiServiceAnalyzer";

    public string Description => "Checks association between services and pods";

    public IReadOnlyList<string> Inputs => ["Service", "Deployment", "WorkloadGroup", "Namespace"];

    public void Analyze(AnalysisContext ctx)
    {
        var services = ctx.OfType<Service>().Select(s => s.Object).ToList();
        foreach (var (input, labels) in Controllers(ctx))
        {
            var ns = input.Object.Namespace;
            var matching = services.Where(s => s.Namespace == ns && (s.Spec?.Selector?.Count ?? 0) > 0
                && LabelSelectors.Matches(s.Spec!.Selector, labels)).ToList();
            CheckProtocols(ctx, input, matching);
            CheckTargetPorts(ctx, input, matching);
        }
    }

    /// <summary>
    /// Deployments whose pods run with a proxy, and WorkloadGroups (whose VMs always do), with the labels
    /// of the workloads they make. Waypoints are deployed by the implementation and left alone.
    /// </summary>
    private static IEnumerable<(AnalysisInput Input, IReadOnlyDictionary<string, string> Labels)> Controllers(AnalysisContext ctx)
    {
        foreach (var input in ctx.OfKind("apps", "Deployment"))
        {
            var template = PodTemplate.Of(input.Object);
            if (input.Object.Metadata.Label("gateway.istio.io/managed") != "istio.io-mesh-controller"
                && InMesh.Template(ctx, input.Object.Namespace, template))
                yield return (input, template.Labels);
        }
        foreach (var (group, input) in ctx.OfType<WorkloadGroup>())
            yield return (input, group.Spec?.Metadata?.Labels ?? new Dictionary<string, string>());
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
