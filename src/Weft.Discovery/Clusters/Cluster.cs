namespace Weft.Discovery.Clusters;

/// <summary>
/// An upstream: one service + subset + port, with its policies (Istio DestinationRule, with
/// subset and port-level settings already merged by the control plane). Names follow Envoy:
/// <c>outbound|9080|v1|reviews.default.svc.cluster.local</c>, <c>inbound|8000||</c>,
/// <c>BlackHoleCluster</c>, <c>PassthroughCluster</c>.
/// </summary>
public sealed record Cluster
{
    public required string Name { get; init; }

    public ClusterType Type { get; init; } = ClusterType.Eds;

    /// <summary>Service FQDN (empty for inbound, passthrough and black hole clusters).</summary>
    public string ServiceName { get; init; } = "";

    public string ServiceNamespace { get; init; } = "";

    /// <summary>
    /// The service's mesh-wide address that weftd allocated (240.240.0.0/16, a ServiceEntry's
    /// <c>status.addresses</c>; a Service's cluster IP, 10.96.0.0/12 unless given): what a transparent sidecar's DNS proxy answers for the host, the
    /// same on every proxy. Null: the proxy picks one of its own.
    /// </summary>
    public string? ServiceAddress { get; init; }

    public string Subset { get; init; } = "";

    public int Port { get; init; }

    public UpstreamProtocol Protocol { get; init; } = UpstreamProtocol.Http1;

    public LoadBalancerSettings LoadBalancer { get; init; } = new();

    public ConnectionPoolSettings ConnectionPool { get; init; } = new();

    /// <summary>Null: no outlier detection (Istio's default without a DestinationRule).</summary>
    public OutlierDetectionSettings? OutlierDetection { get; init; }

    /// <summary>Null: plaintext. Filled by the security issue for mesh mTLS.</summary>
    public UpstreamTlsSettings? Tls { get; init; }

    /// <summary>
    /// The DestinationRule whose policy this cluster carries (<c>name.namespace</c>), as Istio's
    /// cluster metadata: shown by <c>weft proxy-config clusters</c>; the proxy ignores it.
    /// </summary>
    public string? DestinationRule { get; init; }
}
