using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using Weft.Discovery.Clusters;
using Weft.Discovery.Listeners;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// One snapshot's telemetry, compiled once: the proxy's own peer labels and metadata-exchange
/// header, the workloads behind endpoint addresses, the service of every cluster, and caches
/// from (cluster, endpoint) or (source peer, principal, inbound cluster) to the edge whose label
/// prefix is already rendered. Edges live in <see cref="IstioMetrics"/>, so counters outlive the
/// snapshot; only the lookups are per snapshot.
/// </summary>
public sealed class SnapshotTelemetry
{
    public static readonly PeerTelemetry Unknown = new() { Workload = "unknown", Namespace = "unknown", Cluster = "unknown" };
    private static readonly ClusterTelemetry UnknownService = new() { Cluster = "", Service = "unknown", ServiceName = "unknown", ServiceNamespace = "unknown" };

    private readonly IstioMetrics _metrics;
    private readonly FrozenDictionary<string, PeerTelemetry> _peers;
    private readonly FrozenDictionary<string, ClusterTelemetry> _services;
    private readonly FrozenDictionary<string, TrafficDirection> _listenerDirections;
    private readonly ConcurrentDictionary<(ClusterRuntime?, EndpointState?), HttpEdge> _outbound = new();
    private readonly ConcurrentDictionary<(KnownPeer?, string?, ClusterRuntime?), HttpEdge> _inbound = new();
    private readonly ConcurrentDictionary<(string, string?, string?), TcpEdge> _tcp = new();

    public SnapshotTelemetry(ProxySnapshot source, NodeInfo fallbackNode, IstioMetrics metrics, string trustDomain = "cluster.local")
    {
        Source = source;
        _metrics = metrics;
        var t = source.Telemetry;
        Enabled = t.MetricsEnabled;
        var node = source.Node ?? fallbackNode;
        Self = t.Self ?? FromNode(node, trustDomain);
        _peers = t.Peers.IsDefaultOrEmpty ? FrozenDictionary<string, PeerTelemetry>.Empty
            : t.Peers.GroupBy(p => p.Address, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _services = t.Clusters.IsDefaultOrEmpty ? FrozenDictionary<string, ClusterTelemetry>.Empty
            : t.Clusters.GroupBy(c => c.Cluster, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _listenerDirections = source.Listeners.GroupBy(l => l.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First().Direction, StringComparer.Ordinal);
        ExchangeHeader = PeerMetadata.Encode(Self);
        ExchangeId = PeerMetadata.Id(Self, node.Address);
        TracingEndpoint = string.IsNullOrEmpty(t.TracingEndpoint) ? null : t.TracingEndpoint;
        SamplingPercent = t.TraceSamplingPercent;
        CustomTags = t.TraceCustomTags.IsDefault ? [] : t.TraceCustomTags;
        // Istio's default tracing service name: the canonical service and the namespace.
        TracingService = $"{Self.CanonicalService}.{Self.Namespace}";
    }

    /// <summary>Where spans go (OTLP/HTTP); null: trace headers pass untouched and no span is made.</summary>
    public string? TracingEndpoint { get; }

    public double SamplingPercent { get; }

    public System.Collections.Immutable.ImmutableArray<TraceTag> CustomTags { get; }

    public string TracingService { get; }

    /// <summary>Istio's span name: the destination service and port, then <c>/*</c> (<c>cars.travel.svc.cluster.local:8000/*</c>).</summary>
    public string SpanName(ClusterRuntime? cluster, string authority)
    {
        if (cluster is not null && ServiceOf(cluster.Config) is { Service: not "unknown" } s)
        {
            var port = cluster.Config.Port > 0 ? cluster.Config.Port : int.TryParse(cluster.Name.Split('|')[1], out var p) ? p : 0;
            return $"{s.Service}:{port}/*";
        }
        return $"{authority}/*";
    }

    public ProxySnapshot Source { get; }

    public bool Enabled { get; }

    public PeerTelemetry Self { get; }

    /// <summary>This proxy's <c>x-envoy-peer-metadata</c> value, sent on every outbound request.</summary>
    public string ExchangeHeader { get; }

    public string ExchangeId { get; }

    public static PeerTelemetry FromNode(NodeInfo node, string trustDomain)
    {
        var app = node.Labels.GetValueOrDefault("app") ?? node.Labels.GetValueOrDefault("app.kubernetes.io/name");
        var version = node.Labels.GetValueOrDefault("version") ?? node.Labels.GetValueOrDefault("app.kubernetes.io/version");
        return new PeerTelemetry
        {
            Address = "",
            Workload = node.Name,
            Namespace = node.Namespace,
            App = app ?? "unknown",
            Version = version ?? "unknown",
            CanonicalService = node.Labels.GetValueOrDefault("service.istio.io/canonical-name") ?? app ?? node.Name,
            CanonicalRevision = node.Labels.GetValueOrDefault("service.istio.io/canonical-revision") ?? version ?? "latest",
            Principal = $"spiffe://{trustDomain}/ns/{node.Namespace}/sa/{node.ServiceAccount}",
        };
    }

    /// <summary>The source reporter's edge for a request this proxy sent out (cluster and endpoint may be unknown).</summary>
    public HttpEdge Outbound(ClusterRuntime? cluster, EndpointState? endpoint)
    {
        if (_outbound.TryGetValue((cluster, endpoint), out var edge))
            return edge;
        return _outbound.GetOrAdd((cluster, endpoint), static (k, self) => self.CreateOutbound(k.Item1, k.Item2), this);
    }

    /// <summary>The destination reporter's edge for a request this proxy received.</summary>
    public HttpEdge Inbound(KnownPeer? source, string? principal, ClusterRuntime? cluster)
    {
        if (_inbound.TryGetValue((source, principal, cluster), out var edge))
            return edge;
        return _inbound.GetOrAdd((source, principal, cluster), static (k, self) => self.CreateInbound(k.Item1?.Peer, k.Item2, k.Item3?.Name), this);
    }

    /// <summary>The edge of an L4 connection (once per connection, so string keys are fine here).</summary>
    public TcpEdge Tcp(TcpConnectionRecord r)
    {
        var key = (r.Listener + "|" + r.Cluster, r.UpstreamHost, r.PeerPrincipal);
        if (_tcp.TryGetValue(key, out var edge))
            return edge;
        return _tcp.GetOrAdd(key, CreateTcp(r.Listener, r.Cluster, r.PeerPrincipal, r.ClusterState, r.EndpointState));
    }

    public bool IsInboundListener(string listener) => _listenerDirections.TryGetValue(listener, out var d) && d == TrafficDirection.Inbound;

    private HttpEdge CreateOutbound(ClusterRuntime? cluster, EndpointState? endpoint)
    {
        var (dst, mtls) = Destination(cluster?.Config, endpoint?.Address, endpoint?.Spec.Workload, endpoint?.Spec.Identity, endpoint?.Spec.TlsMode, endpoint?.Spec.Labels);
        var prefix = Prefix("source", Self, mtls ? Self.Principal : "unknown", dst, mtls ? dst.Principal : "unknown", ServiceOf(cluster?.Config));
        return _metrics.HttpEdge(prefix, "unknown");
    }

    private HttpEdge CreateInbound(PeerTelemetry? source, string? principal, string? cluster)
    {
        var prefix = Prefix("destination", source ?? Unknown, principal ?? "unknown", Self, principal is null ? "unknown" : Self.Principal,
            cluster is not null && _services.TryGetValue(cluster, out var s) ? s : UnknownService);
        return _metrics.HttpEdge(prefix, principal is null ? "none" : "mutual_tls");
    }

    private TcpEdge CreateTcp(string listener, string clusterName, string? principal, ClusterRuntime? cluster, EndpointState? ep)
    {
        if (IsInboundListener(listener))
        {
            var prefix = Prefix("destination", Unknown, principal ?? "unknown", Self, principal is null ? "unknown" : Self.Principal,
                _services.TryGetValue(clusterName, out var s) ? s : UnknownService);
            return _metrics.TcpEdge(prefix, principal is null ? "none" : "mutual_tls");
        }
        var (dst, mtls) = Destination(cluster?.Config, ep?.Address, ep?.Spec.Workload, ep?.Spec.Identity, ep?.Spec.TlsMode, ep?.Spec.Labels);
        var outbound = Prefix("source", Self, mtls ? Self.Principal : "unknown", dst, mtls ? dst.Principal : "unknown",
            cluster is not null ? ServiceOf(cluster.Config) : _services.GetValueOrDefault(clusterName) ?? UnknownService);
        return _metrics.TcpEdge(outbound, "unknown");
    }

    private (PeerTelemetry Peer, bool MutualTls) Destination(Cluster? cluster, string? address, string? workload, string? identity, string? tlsMode,
        IReadOnlyDictionary<string, string>? labels)
    {
        var mtls = cluster?.Tls is { Mode: TlsMode.IstioMutual } tls && (!tls.Auto || tlsMode == "istio");
        if (address is null)
            return (Unknown, false);
        if (_peers.TryGetValue(address, out var peer))
            return (peer, mtls);
        if (workload is null)
            return (Unknown, mtls);
        // No translation data (a snapshot file): what the endpoint itself says.
        var ns = identity is not null && identity.IndexOf("/ns/", StringComparison.Ordinal) is var i and >= 0
            ? identity[(i + 4)..].Split('/')[0] : cluster?.ServiceNamespace is { Length: > 0 } sn ? sn : "unknown";
        var app = labels?.GetValueOrDefault("app");
        var version = labels?.GetValueOrDefault("version");
        return (new PeerTelemetry
        {
            Address = address,
            Workload = workload,
            Namespace = ns,
            App = app ?? "unknown",
            Version = version ?? "unknown",
            CanonicalService = app ?? workload,
            CanonicalRevision = version ?? "latest",
            Principal = identity ?? "unknown",
        }, mtls);
    }

    private ClusterTelemetry ServiceOf(Cluster? cluster)
    {
        if (cluster is null)
            return UnknownService;
        if (_services.TryGetValue(cluster.Name, out var s))
            return s;
        return cluster.Type switch
        {
            ClusterType.OriginalDestination => new ClusterTelemetry { Cluster = cluster.Name, Service = "unknown", ServiceName = cluster.Name, ServiceNamespace = "unknown" },
            // REGISTRY_ONLY's refusals show as their own destination (Istio's BlackHoleCluster service), as the egress task reads them.
            ClusterType.BlackHole => new ClusterTelemetry { Cluster = cluster.Name, Service = cluster.Name, ServiceName = cluster.Name, ServiceNamespace = "unknown" },
            _ when cluster.ServiceName.Length > 0 => new ClusterTelemetry
            {
                Cluster = cluster.Name,
                Service = cluster.ServiceName,
                ServiceName = cluster.ServiceName.EndsWith(".svc.cluster.local", StringComparison.Ordinal) ? cluster.ServiceName.Split('.')[0] : cluster.ServiceName,
                ServiceNamespace = cluster.ServiceNamespace.Length > 0 ? cluster.ServiceNamespace : "unknown",
            },
            _ => UnknownService,
        };
    }

    /// <summary>The labels every Istio metric starts with, in Istio's order, ending before request_protocol.</summary>
    internal static string Prefix(string reporter, PeerTelemetry src, string srcPrincipal, PeerTelemetry dst, string dstPrincipal, ClusterTelemetry service)
        => new StringBuilder(640)
            .Pair("reporter", reporter)
            .Pair("source_workload", src.Workload)
            .Pair("source_canonical_service", src.CanonicalService)
            .Pair("source_canonical_revision", src.CanonicalRevision)
            .Pair("source_workload_namespace", src.Namespace)
            .Pair("source_principal", srcPrincipal)
            .Pair("source_app", src.App)
            .Pair("source_version", src.Version)
            .Pair("source_cluster", src.Cluster)
            .Pair("destination_workload", dst.Workload)
            .Pair("destination_workload_namespace", dst.Namespace)
            .Pair("destination_principal", dstPrincipal)
            .Pair("destination_app", dst.App)
            .Pair("destination_version", dst.Version)
            .Pair("destination_service", service.Service)
            .Pair("destination_canonical_service", dst.CanonicalService)
            .Pair("destination_canonical_revision", dst.CanonicalRevision)
            .Pair("destination_service_name", service.ServiceName)
            .Pair("destination_service_namespace", service.ServiceNamespace)
            .Pair("destination_cluster", dst.Cluster)
            .ToString();
}
