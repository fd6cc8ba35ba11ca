namespace Weft.Discovery.Telemetry;

/// <summary>
/// A workload as Istio's metric labels name it (the peer metadata of Istio's metadata exchange).
/// <see cref="Address"/> keys endpoint peers; it is empty for the proxy's own entry.
/// </summary>
public sealed record PeerTelemetry
{
    public string Address { get; init; } = "";

    /// <summary><c>source_workload</c> / <c>destination_workload</c>.</summary>
    public required string Workload { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The <c>app</c> label (or <c>app.kubernetes.io/name</c>); "unknown" when absent.</summary>
    public string App { get; init; } = "unknown";

    /// <summary>The <c>version</c> label (or <c>app.kubernetes.io/version</c>); "unknown" when absent.</summary>
    public string Version { get; init; } = "unknown";

    /// <summary><c>service.istio.io/canonical-name</c>, else the app, else the workload.</summary>
    public string CanonicalService { get; init; } = "unknown";

    /// <summary><c>service.istio.io/canonical-revision</c>, else the version, else "latest".</summary>
    public string CanonicalRevision { get; init; } = "latest";

    /// <summary>The SPIFFE identity its certificate carries (reported when the connection is mutual TLS).</summary>
    public string Principal { get; init; } = "unknown";

    /// <summary>The cluster the workload runs in (Istio's CLUSTER_ID, "Kubernetes" by default).</summary>
    public string Cluster { get; init; } = "Kubernetes";
}
