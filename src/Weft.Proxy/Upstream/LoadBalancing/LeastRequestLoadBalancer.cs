namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>Envoy's LEAST_REQUEST: two random choices, the one with fewer requests in flight wins.</summary>
public sealed class LeastRequestLoadBalancer : ILoadBalancer
{
    public EndpointState? Pick(EndpointSet set, ulong? hash, ReadOnlySpan<EndpointState?> tried, bool panic)
    {
        var all = set.All;
        if (all.Length == 0)
            return null;
        var a = all[Random.Shared.Next(all.Length)];
        var b = all[Random.Shared.Next(all.Length)];
        var aOk = Usable.Check(a, panic) && !Usable.WasTried(a, tried);
        var bOk = Usable.Check(b, panic) && !Usable.WasTried(b, tried);
        if (aOk && bOk)
            return b.ActiveRequests < a.ActiveRequests ? b : a;
        if (aOk)
            return a;
        if (bOk)
            return b;
        return Usable.Scan(all, Random.Shared.Next(all.Length), tried, panic);
    }
}
