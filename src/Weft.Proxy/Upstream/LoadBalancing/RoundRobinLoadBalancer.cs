namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>Round robin over usable endpoints; with unequal weights, a weighted random pick.</summary>
public sealed class RoundRobinLoadBalancer : ILoadBalancer
{
    private int _next = -1;

    public EndpointState? Pick(EndpointSet set, ulong? hash, ReadOnlySpan<EndpointState?> tried, bool panic)
    {
        var all = set.All;
        if (all.Length == 0)
            return null;
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)all.Length);
        if (WeightedRandom.HasUnequalWeights(all))
            start = WeightedRandom.Index(all);
        return Usable.Scan(all, start, tried, panic);
    }
}
