namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>A load-balancing policy of one cluster.</summary>
public interface ILoadBalancer
{
    /// <summary>
    /// Picks an endpoint for one attempt. <paramref name="tried"/> are endpoints earlier attempts
    /// used (avoided when another is available); <paramref name="hash"/> is the consistent-hash key
    /// when the cluster hashes and the request carried the key. Null: nothing usable.
    /// </summary>
    EndpointState? Pick(EndpointSet set, ulong? hash, ReadOnlySpan<EndpointState?> tried, bool panic);
}
