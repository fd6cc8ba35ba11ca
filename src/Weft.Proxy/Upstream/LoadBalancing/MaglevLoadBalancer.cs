namespace Weft.Proxy.Upstream.LoadBalancing;

/// <summary>
/// Maglev consistent hashing (Envoy's MAGLEV): a 65537-entry lookup table filled from each
/// endpoint's permutation. When the owner of a key is not usable, the key is rehashed a few
/// times before falling back to a scan, so most keys keep their endpoint across ejections.
/// </summary>
public sealed class MaglevLoadBalancer : ILoadBalancer
{
    private const int TableSize = 65537;

    public EndpointState? Pick(EndpointSet set, ulong? hash, ReadOnlySpan<EndpointState?> tried, bool panic)
    {
        var all = set.All;
        if (all.Length == 0)
            return null;
        if (hash is not { } h)
            return Usable.Scan(all, Random.Shared.Next(all.Length), tried, panic);
        var table = set.GetHashTable(Build);
        for (var probe = 0; probe < 8; probe++)
        {
            var ep = all[table[(int)(h % TableSize)]];
            if (Usable.Check(ep, panic) && !Usable.WasTried(ep, tried))
                return ep;
            h = Hashing.Mix(h + 0x9E3779B97F4A7C15UL);
        }
        return Usable.Scan(all, table[(int)(h % TableSize)], tried, panic);
    }

    private static int[] Build(EndpointSet set)
    {
        var n = set.All.Length;
        var offset = new int[n];
        var skip = new int[n];
        var next = new int[n];
        for (var i = 0; i < n; i++)
        {
            var name = set.All[i].Authority;
            offset[i] = (int)(Hashing.Hash(name) % TableSize);
            skip[i] = (int)(Hashing.Hash(name + "#skip") % (TableSize - 1)) + 1;
        }
        var table = new int[TableSize];
        Array.Fill(table, -1);
        var filled = 0;
        while (true)
        {
            for (var i = 0; i < n; i++)
            {
                // Weight: an endpoint of weight w takes w turns per round.
                for (var w = 0; w < set.All[i].Spec.Weight; w++)
                {
                    int c;
                    do
                    {
                        c = (int)((offset[i] + (long)skip[i] * next[i]) % TableSize);
                        next[i]++;
                    }
                    while (table[c] >= 0);
                    table[c] = i;
                    if (++filled == TableSize)
                        return table;
                }
            }
        }
    }
}
