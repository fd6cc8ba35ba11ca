namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>Shared rules of every policy: what may take a request, and Envoy's panic mode.</summary>
public static class Usable
{
    /// <summary>In panic every endpoint takes traffic, as Envoy when too few are healthy.</summary>
    public static bool Check(EndpointState ep, bool panic) => panic || ep.IsAvailable;

    public static bool WasTried(EndpointState ep, ReadOnlySpan<EndpointState?> tried)
    {
        foreach (var t in tried)
            if (ReferenceEquals(t, ep))
                return true;
        return false;
    }

    /// <summary>True when fewer than <paramref name="minHealthPercent"/>% of the endpoints are available.</summary>
    public static bool IsPanic(EndpointSet set, int minHealthPercent)
    {
        if (minHealthPercent <= 0 || set.Count == 0)
            return false;
        var available = 0;
        foreach (var ep in set.All)
            if (ep.IsAvailable)
                available++;
        return available * 100 < set.Count * minHealthPercent;
    }

    /// <summary>Scans from <paramref name="start"/> for a usable endpoint, preferring untried ones.</summary>
    public static EndpointState? Scan(EndpointState[] all, int start, ReadOnlySpan<EndpointState?> tried, bool panic)
    {
        EndpointState? fallback = null;
        for (var i = 0; i < all.Length; i++)
        {
            var ep = all[(start + i) % all.Length];
            if (!Check(ep, panic))
                continue;
            if (!WasTried(ep, tried))
                return ep;
            fallback ??= ep;
        }
        return fallback;
    }
}
