using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Clusters;
using LoadBalancerSettings = Weft.Discovery.Clusters.LoadBalancerSettings;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// A proxy's clusters (pilot's BuildClusters): per visible service port the default cluster and
/// one per DestinationRule subset, each with its merged policy; one inbound cluster per owned
/// port; and Istio's BlackHoleCluster and PassthroughCluster.
/// </summary>
public static class ClusterBuilder
{
    public static ImmutableArray<Cluster> Build(ProxyBuild b) => [.. Outbound(b), .. Local(b)];

    /// <summary>
    /// The clusters of the visible services: the same for every sidecar of one
    /// <see cref="OutboundPart"/> key, so the push layer builds them once per key and shares them.
    /// </summary>
    public static ImmutableArray<Cluster> Outbound(ProxyBuild b)
    {
        var clusters = ImmutableArray.CreateBuilder<Cluster>();
        foreach (var (service, port) in b.OutboundPorts())
        {
            var dr = b.DestinationRule(service);
            clusters.Add(Outbound(b, service, port, dr, null));
            foreach (var subset in dr?.Subsets ?? [])
                clusters.Add(Outbound(b, service, port, dr, subset));
        }
        return clusters.ToImmutable();
    }

    /// <summary>This proxy's own clusters: one per owned inbound port, then BlackHoleCluster and PassthroughCluster.</summary>
    public static ImmutableArray<Cluster> Local(ProxyBuild b)
    {
        var clusters = ImmutableArray.CreateBuilder<Cluster>();
        foreach (var p in b.Inbound)
        {
            clusters.Add(new Cluster
            {
                Name = ClusterNames.Inbound(p.Port),
                Port = p.Port,
                Protocol = p.Protocol switch
                {
                    PortProtocol.Http2 or PortProtocol.Grpc or PortProtocol.GrpcWeb => UpstreamProtocol.Http2,
                    // What arrives on a sniffed port as HTTP goes to the application as HTTP/1.1.
                    _ when p.Protocol.IsHttp() || p.Protocol == PortProtocol.Unsupported => UpstreamProtocol.Http1,
                    _ => UpstreamProtocol.Tcp,
                },
                // Istio's inbound clusters balance nothing: one local application.
                LoadBalancer = new LoadBalancerSettings { Policy = LoadBalancerPolicy.RoundRobin },
            });
        }
        clusters.Add(new Cluster { Name = ClusterNames.BlackHole, Type = ClusterType.BlackHole, Protocol = UpstreamProtocol.Tcp });
        clusters.Add(new Cluster { Name = ClusterNames.Passthrough, Type = ClusterType.OriginalDestination, Protocol = UpstreamProtocol.UseDownstream, LoadBalancer = new LoadBalancerSettings { Policy = LoadBalancerPolicy.Passthrough } });
        return clusters.ToImmutable();
    }

    private static Cluster Outbound(ProxyBuild b, MeshService service, MeshServicePort port, EffectiveDestinationRule? dr, Subset? subset)
    {
        var policy = TrafficPolicies.Merge(dr?.TrafficPolicy, subset?.TrafficPolicy, port.Port);
        var endpoints = EndpointBuilder.Select(b, service, port, subset);
        // A ServiceEntry with resolution NONE forwards to wherever the client was going (Istio's ORIGINAL_DST).
        var passthrough = service.Source == "ServiceEntry" && service.Resolution == ServiceEntryResolution.None;
        var protocol = Protocol(b, port, policy, endpoints);
        return new Cluster
        {
            Name = ClusterNames.Outbound(port.Port, subset?.Name ?? "", service.Hostname),
            Type = passthrough ? ClusterType.OriginalDestination : ClusterType.Eds,
            ServiceName = service.Hostname,
            ServiceNamespace = service.Namespace,
            ServiceAddress = service.AutoAddress,
            Subset = subset?.Name ?? "",
            Port = port.Port,
            Protocol = protocol,
            LoadBalancer = passthrough ? new LoadBalancerSettings { Policy = LoadBalancerPolicy.Passthrough } : TrafficPolicies.LoadBalancer(policy?.LoadBalancer),
            ConnectionPool = TrafficPolicies.ConnectionPool(policy?.ConnectionPool),
            OutlierDetection = TrafficPolicies.OutlierDetection(policy?.OutlierDetection),
            DestinationRule = dr?.Id,
            Tls = passthrough ? null : Security.UpstreamTlsBuilder.For(b, service, port, subset?.Name ?? "", policy?.Tls, endpoints, protocol),
        };
    }

    /// <summary>
    /// How the proxy speaks to a cluster: TCP for TCP and TLS ports; HTTP/2 when the port says
    /// so, when the DestinationRule asks for the upgrade, or when every endpoint runs a sidecar
    /// (h2c between sidecars); the client's own protocol for a sniffed port or with
    /// useClientProtocol; HTTP/1.1 otherwise.
    /// </summary>
    private static UpstreamProtocol Protocol(ProxyBuild b, MeshServicePort port, TrafficPolicy? policy, ImmutableArray<ServiceEndpoint> endpoints)
    {
        if (!port.IsHttp)
            return UpstreamProtocol.Tcp;
        var http = policy?.ConnectionPool?.Http;
        if (http?.UseClientProtocol == true)
            return UpstreamProtocol.UseDownstream;
        if (port.Protocol is PortProtocol.Http2 or PortProtocol.Grpc or PortProtocol.GrpcWeb || http?.H2UpgradePolicy == H2UpgradePolicy.Upgrade)
            return UpstreamProtocol.Http2;
        if (!endpoints.IsEmpty && endpoints.All(b.HasSidecar))
            return UpstreamProtocol.Http2;
        return port.AutoDetect ? UpstreamProtocol.UseDownstream : UpstreamProtocol.Http1;
    }
}
