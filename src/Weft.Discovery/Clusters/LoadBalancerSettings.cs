namespace Weft.Discovery.Clusters;

/// <summary>Istio loadBalancer: a simple policy, or consistent hashing by ConsistentHash.</summary>
public sealed record LoadBalancerSettings
{
    public LoadBalancerPolicy Policy { get; init; } = LoadBalancerPolicy.LeastRequest;

    /// <summary>Required when Policy is RingHash or Maglev.</summary>
    public ConsistentHashSettings? ConsistentHash { get; init; }
}
