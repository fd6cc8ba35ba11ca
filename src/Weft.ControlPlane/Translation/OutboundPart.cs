using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Weft.Discovery.Clusters;
using Weft.Discovery.Codec;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// The outbound half of a sidecar's snapshot: the clusters and endpoints of every service it may
/// see, the <c>http_proxy</c> route table and the filter chains of 15001. It depends on the push
/// context, the connected sidecars and <see cref="PushContext.OutboundKey"/> (namespace, mode and
/// the labels some selector reads), never on the proxy itself, so the push layer builds it once per
/// key and shares the immutable objects, and their <see cref="Hash"/>, between proxies (as istiod
/// shares a SidecarScope and caches generated config). A gateway gets the clusters and endpoints
/// only; its routes and listeners come from its Gateways.
/// </summary>
public sealed class OutboundPart
{
    private OutboundPart(ImmutableArray<Cluster> clusters, ImmutableArray<ClusterLoadAssignment> endpoints, RouteConfiguration? httpProxy, OutboundChains? chains,
        ImmutableArray<PeerTelemetry> peers, ImmutableArray<ClusterTelemetry> clusterServices)
    {
        Clusters = clusters;
        Endpoints = endpoints;
        HttpProxy = httpProxy;
        Chains = chains;
        Peers = peers;
        ClusterServices = clusterServices;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in clusters)
            names.Add(c.Name);
        ClusterNames = names.ToFrozenSet(StringComparer.Ordinal);
        Hash = ComputeHash(this);
    }

    public ImmutableArray<Cluster> Clusters { get; }
    public ImmutableArray<ClusterLoadAssignment> Endpoints { get; }
    /// <summary>The <c>http_proxy</c> route table; null for a gateway.</summary>
    public RouteConfiguration? HttpProxy { get; }
    /// <summary>The chains of <c>virtualOutbound</c>; null for a gateway.</summary>
    public OutboundChains? Chains { get; }
    /// <summary>Telemetry: the workload behind every endpoint address of the visible services.</summary>
    public ImmutableArray<PeerTelemetry> Peers { get; }
    /// <summary>Telemetry: the service of every outbound cluster.</summary>
    public ImmutableArray<ClusterTelemetry> ClusterServices { get; }
    /// <summary>The names of <see cref="Clusters"/>.</summary>
    public FrozenSet<string> ClusterNames { get; }
    /// <summary>SHA-256 of the part's JSON: with the hash of the proxy's own part it identifies the whole snapshot's content.</summary>
    public string Hash { get; }

    public static OutboundPart Build(ProxyBuild b)
    {
        var clusters = ClusterBuilder.Outbound(b);
        var endpoints = EndpointBuilder.Outbound(b);
        var peers = Telemetry.TelemetryBuilder.Peers(b);
        var services = Telemetry.TelemetryBuilder.OutboundServices(b, clusters);
        if (b.Node.Mode == ProxyMode.Gateway)
            return new OutboundPart(clusters, endpoints, null, null, peers, services);
        // Routes and chains may name the outbound clusters and the two special ones, never an inbound one.
        var names = new HashSet<string>(StringComparer.Ordinal) { Translation.ClusterNames.BlackHole, Translation.ClusterNames.Passthrough };
        foreach (var c in clusters)
            names.Add(c.Name);
        return new OutboundPart(clusters, endpoints, RouteBuilder.HttpProxy(b, names), ListenerBuilder.OutboundChains(b, names), peers, services);
    }

    private static string ComputeHash(OutboundPart part)
    {
        var json = SnapshotJsonContext.Default;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Each piece on its own, separated, so that moving bytes between pieces cannot collide.
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(part.Clusters, json.ImmutableArrayCluster));
        sha.AppendData("\n"u8);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(part.Endpoints, json.ImmutableArrayClusterLoadAssignment));
        sha.AppendData("\n"u8);
        if (part.HttpProxy is { } route)
            sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(route, json.RouteConfiguration));
        sha.AppendData("\n"u8);
        if (part.Chains is { } chains)
        {
            sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(chains.Chains, json.ImmutableArrayFilterChain));
            sha.AppendData("\n"u8);
            sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(chains.Default, json.FilterChain));
        }
        sha.AppendData("\n"u8);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(part.Peers, json.ImmutableArrayPeerTelemetry));
        sha.AppendData("\n"u8);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(part.ClusterServices, json.ImmutableArrayClusterTelemetry));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
