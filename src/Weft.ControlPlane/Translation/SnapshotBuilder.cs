using System.Globalization;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// One proxy's whole snapshot from the shared push context (pilot's ConfigGenerator): clusters
/// first (routes may only name clusters that exist), then endpoints, routes and listeners. The
/// version is the config revision; the push layer makes it unique per content.
/// </summary>
public static class SnapshotBuilder
{
    public static ProxySnapshot Build(PushContext push, NodeInfo node, IReadOnlySet<string> sidecarAddresses)
    {
        var b = new ProxyBuild(push, node, sidecarAddresses);
        var clusters = ClusterBuilder.Build(b);
        var names = clusters.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new ProxySnapshot
        {
            Version = push.Revision.ToString(CultureInfo.InvariantCulture),
            Node = node,
            Clusters = clusters,
            Endpoints = EndpointBuilder.Build(b),
            RouteConfigurations = node.Mode == ProxyMode.Gateway ? Gateways.GatewayRouteBuilder.Build(b, Gateways.GatewayBindings.For(b), names) : RouteBuilder.Build(b, names),
            Listeners = node.Mode == ProxyMode.Gateway ? Gateways.GatewayListenerBuilder.Build(b, Gateways.GatewayBindings.For(b), names) : ListenerBuilder.Build(b, names),
            Security = Security.SecurityBuilder.Build(b),
            Telemetry = Telemetry.TelemetryBuilder.Build(b, clusters),
            Probe = Weft.ControlPlane.Workloads.WorkloadProbes.For(push, node),
        };
    }
}
