using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>How endpoints are picked: one of a simple algorithm, consistent hashing or backend utilization.</summary>
[WireNullsAreAbsent]
public sealed record LoadBalancerSettings
{
    public SimpleLB? Simple { get; init; }
    public ConsistentHashLB? ConsistentHash { get; init; }
    public BackendUtilizationLB? BackendUtilization { get; init; }
    public LocalityLoadBalancerSetting? LocalityLbSetting { get; init; }
    public ZoneAwareLoadBalancerSetting? ZoneAwareLbSetting { get; init; }

    /// <summary>Deprecated slow start window; <see cref="Warmup"/> replaces it.</summary>
    public Duration? WarmupDurationSecs { get; init; }

    public WarmupConfiguration? Warmup { get; init; }
}
