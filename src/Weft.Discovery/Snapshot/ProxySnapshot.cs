using System.Collections.Immutable;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Security;
using Weft.Discovery.Telemetry;

namespace Weft.Discovery.Snapshot;

/// <summary>
/// Everything one proxy needs, at one version: the state of the world for that proxy. Immutable;
/// the proxy validates it whole, compiles it once and swaps one reference. Every Istio-level
/// decision (source labels, gateways, delegates, short names, default retry policy) is already
/// resolved by the control plane: the proxy only executes. See README.md beside this folder.
/// </summary>
public sealed record ProxySnapshot
{
    /// <summary>Opaque version chosen by the control plane; echoed in ACK/NACK.</summary>
    public required string Version { get; init; }

    /// <summary>The proxy this snapshot was computed for (informational; the proxy does not check it).</summary>
    public NodeInfo? Node { get; init; }

    public ImmutableArray<Listener> Listeners { get; init; } = [];

    public ImmutableArray<RouteConfiguration> RouteConfigurations { get; init; } = [];

    public ImmutableArray<Cluster> Clusters { get; init; } = [];

    /// <summary>Endpoints per cluster (Envoy's ClusterLoadAssignment); a cluster without one has no endpoints.</summary>
    public ImmutableArray<ClusterLoadAssignment> Endpoints { get; init; } = [];

    /// <summary>Slot filled by the security issue: peer authentication, authorization, certificates.</summary>
    public SecurityConfig Security { get; init; } = new();

    /// <summary>Slot filled by the telemetry issue: access log, metrics, tracing.</summary>
    public TelemetryConfig Telemetry { get; init; } = new();

    /// <summary>The readiness probe of the proxy's WorkloadGroup, run by the sidecar against its app; null: none.</summary>
    public WorkloadProbe? Probe { get; init; }
}
