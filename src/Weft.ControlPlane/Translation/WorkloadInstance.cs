using System.Collections.Immutable;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// A workload as an endpoint: a WorkloadEntry, or an endpoint written inside a ServiceEntry
/// (Istio's WorkloadInstance).
/// </summary>
public sealed record WorkloadInstance
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    /// <summary>An IP, or a DNS name for a DNS-resolved ServiceEntry endpoint.</summary>
    public required string Address { get; init; }
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    /// <summary>Port name to workload port (WorkloadEntry.ports).</summary>
    public ImmutableSortedDictionary<string, int> Ports { get; init; } = ImmutableSortedDictionary<string, int>.Empty;
    public string ServiceAccount { get; init; } = "default";
    public int Weight { get; init; } = 1;
    public string Network { get; init; } = "";
    public string Locality { get; init; } = "";
    /// <summary>The WorkloadEntry's annotations (telemetry reads Istio's prometheus.io/* ones for metrics merging).</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// False when the WorkloadEntry's status has condition Healthy=False (set by the workload's
    /// supervisor or health probes, as Istio's health checks set it): its endpoints are sent as
    /// unhealthy, so traffic avoids them.
    /// </summary>
    public bool Healthy { get; init; } = true;

    /// <summary>Istio's label saying a workload runs a sidecar that speaks mesh transport.</summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    public bool LabelledWithSidecar => Labels.TryGetValue(TlsModeLabel, out var v) && v == "istio";
}
