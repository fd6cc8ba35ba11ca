using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Locality-weighted load balancing: distribute by weights, or fail over between regions.</summary>
[WireNullsAreAbsent]
public sealed record LocalityLoadBalancerSetting
{
    public IReadOnlyList<LocalityDistribute>? Distribute { get; init; }
    public IReadOnlyList<LocalityFailover>? Failover { get; init; }
    public IReadOnlyList<string>? FailoverPriority { get; init; }
    public bool? Enabled { get; init; }
}
