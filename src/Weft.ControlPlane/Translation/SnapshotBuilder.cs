using System.Collections.Immutable;
using System.Globalization;
using Weft.Discovery.Clusters;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// One proxy's whole snapshot from the shared push context (pilot's ConfigGenerator): clusters
/// first (routes may only name clusters that exist), then endpoints, routes and listeners. The
/// version is the config revision; the push layer makes it unique per content. The outbound half
/// (<see cref="OutboundPart"/>) may be built once and shared by every proxy of its key; each
/// array keeps Istio's order: outbound entries first, then the proxy's own.
/// </summary>
public static class SnapshotBuilder
{
    public static ProxySnapshot Build(PushContext push, NodeInfo node, IReadOnlySet<string> sidecarAddresses)
    {
        var b = new ProxyBuild(push, node, sidecarAddresses);
        return Build(b, OutboundPart.Build(b));
    }

    /// <summary>The snapshot of <paramref name="b"/>'s proxy around an outbound part built for its <see cref="PushContext.OutboundKey"/>.</summary>
    public static ProxySnapshot Build(ProxyBuild b, OutboundPart outbound)
    {
        var node = b.Node;
        ImmutableArray<Cluster> clusters = [.. outbound.Clusters, .. ClusterBuilder.Local(b)];
        var names = node.Mode == ProxyMode.Gateway ? clusters.Select(c => c.Name).ToHashSet(StringComparer.Ordinal) : null;
        return new ProxySnapshot
        {
            Version = b.Push.Revision.ToString(CultureInfo.InvariantCulture),
            Node = node,
            Clusters = clusters,
            Endpoints = [.. outbound.Endpoints, .. EndpointBuilder.Local(b)],
            RouteConfigurations = node.Mode == ProxyMode.Gateway ? Gateways.GatewayRouteBuilder.Build(b, Gateways.GatewayBindings.For(b), names!) : [outbound.HttpProxy!, .. RouteBuilder.Inbound(b)],
            Listeners = node.Mode == ProxyMode.Gateway ? Gateways.GatewayListenerBuilder.Build(b, Gateways.GatewayBindings.For(b), names!) : ListenerBuilder.Build(b, outbound.Chains!),
            Security = Security.SecurityBuilder.Build(b),
            Telemetry = Telemetry.TelemetryBuilder.Build(b, outbound),
            Probe = Weft.ControlPlane.Workloads.WorkloadProbes.For(b.Push, node),
        };
    }
}
