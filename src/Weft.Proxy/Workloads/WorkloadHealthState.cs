using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Workloads;

/// <summary>The probe's state for the admin endpoint <c>/workload_health</c>: swapped whole after each run.</summary>
public sealed record WorkloadHealthState
{
    public static readonly WorkloadHealthState None = new();

    public WorkloadProbe? Probe { get; init; }

    /// <summary>What the probe checks, in words (<c>HTTP GET http://127.10.0.3:40123/healthz</c>).</summary>
    public string? Target { get; init; }

    public WorkloadHealthReport? Report { get; init; }

    /// <summary>Healthy, Unhealthy, or null before the first verdict.</summary>
    public bool? Healthy => Report?.Healthy;

    public int Successes { get; init; }
    public int Failures { get; init; }
    public string? LastResult { get; init; }
    public DateTimeOffset? LastProbeAt { get; init; }
    public int Transitions { get; init; }
}
