using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Zone-aware routing: prefer endpoints in the caller's zone when the cluster is big enough.</summary>
[WireNullsAreAbsent]
public sealed record ZoneAwareLoadBalancerSetting
{
    public bool? Enabled { get; init; }
    public uint? MinClusterSize { get; init; }
    public IReadOnlyList<LocalityFailover>? Failover { get; init; }
    public IReadOnlyList<string>? FailoverPriority { get; init; }
}
