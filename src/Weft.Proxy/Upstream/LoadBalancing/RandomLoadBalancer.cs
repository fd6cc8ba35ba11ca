namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>A random usable endpoint, weighted by endpoint weight.</summary>
public sealed class RandomLoadBalancer : ILoadBalancer
{
    public EndpointState? Pick(EndpointSet set, ulong? hash, ReadOnlySpan<EndpointState?> tried, bool panic)
    {
        var all = set.All;
        if (all.Length == 0)
            return null;
        return Usable.Scan(all, WeightedRandom.Index(all), tried, panic);
    }
}
