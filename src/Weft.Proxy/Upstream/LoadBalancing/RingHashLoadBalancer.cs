namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>
/// Ketama-style consistent hashing (Envoy's RING_HASH): each endpoint owns points on a ring in
/// proportion to its weight; a key goes to the first usable endpoint clockwise. The ring covers
/// all endpoints, so an ejection moves only that endpoint's keys.
/// </summary>
public sealed class RingHashLoadBalancer(int minimumRingSize) : ILoadBalancer
{
    private sealed record Ring(ulong[] Points, int[] Owners);

    public EndpointState? Pick(EndpointSet set, ulong? hash, ReadOnlySpan<EndpointState?> tried, bool panic)
    {
        var all = set.All;
        if (all.Length == 0)
            return null;
        if (hash is not { } h)
            return Usable.Scan(all, Random.Shared.Next(all.Length), tried, panic);
        var ring = set.GetHashTable(Build);
        var i = Array.BinarySearch(ring.Points, h);
        if (i < 0)
            i = ~i;
        EndpointState? fallback = null;
        for (var n = 0; n < ring.Points.Length; n++)
        {
            var ep = all[ring.Owners[(i + n) % ring.Points.Length]];
            if (!Usable.Check(ep, panic))
                continue;
            if (!Usable.WasTried(ep, tried))
                return ep;
            fallback ??= ep;
        }
        return fallback;
    }

    private Ring Build(EndpointSet set)
    {
        long totalWeight = 0;
        foreach (var ep in set.All)
            totalWeight += ep.Spec.Weight;
        var points = new List<(ulong Hash, int Owner)>();
        for (var e = 0; e < set.All.Length; e++)
        {
            var ep = set.All[e];
            var replicas = (int)Math.Max(1, Math.Ceiling((double)minimumRingSize * ep.Spec.Weight / totalWeight));
            for (var r = 0; r < replicas; r++)
                points.Add((Hashing.Hash($"{ep.Authority}_{r}"), e));
        }
        points.Sort((a, b) => a.Hash.CompareTo(b.Hash));
        return new Ring([.. points.Select(p => p.Hash)], [.. points.Select(p => p.Owner)]);
    }
}
