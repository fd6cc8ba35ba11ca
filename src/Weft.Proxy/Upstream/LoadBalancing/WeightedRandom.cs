namespace Weft.Proxy.Upstream.LoadBalancing;

internal static class WeightedRandom
{
    public static bool HasUnequalWeights(EndpointState[] all)
    {
        var w = all[0].Spec.Weight;
        for (var i = 1; i < all.Length; i++)
            if (all[i].Spec.Weight != w)
                return true;
        return false;
    }

    public static int Index(EndpointState[] all)
    {
        long total = 0;
        foreach (var ep in all)
            total += ep.Spec.Weight;
        var r = Random.Shared.NextInt64(total);
        for (var i = 0; i < all.Length; i++)
        {
            r -= all[i].Spec.Weight;
            if (r < 0)
                return i;
        }
        return all.Length - 1;
    }
}
