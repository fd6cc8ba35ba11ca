using System.Collections.Immutable;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// Two Istio Gateways that put the same host on the same port of the same gateway workloads
/// (the analyzer's IST0145): a proxy serves one of them, the one created first
/// (<see cref="GatewayIndex.Gateways"/> is oldest first), as <see cref="GatewayListenerBuilder"/>
/// merges them. <see cref="Winner"/> and <see cref="Loser"/> are <c>ns/name</c>.
/// </summary>
public sealed record GatewayConflict(string Winner, string Loser, int Port, string Host)
{
    /// <summary>
    /// Every conflict of one config revision, in a stable order (winner's age, loser's age, port,
    /// host). Two Gateways share workloads when their selectors are the same label set or a
    /// registered workload has the labels of both.
    /// </summary>
    public static ImmutableArray<GatewayConflict> Find(GatewayIndex index, IReadOnlyList<WorkloadInstance> workloads)
    {
        var istio = index.Gateways.Where(g => g.Source == "Gateway").ToArray();
        var found = ImmutableArray.CreateBuilder<GatewayConflict>();
        for (var i = 0; i < istio.Length; i++)
        {
            for (var j = i + 1; j < istio.Length; j++)
            {
                var (older, newer) = (istio[i], istio[j]);
                if (!ShareWorkloads(older, newer, workloads))
                    continue;
                var seen = new HashSet<(int, string)>();
                foreach (var a in older.Servers)
                    foreach (var b in newer.Servers)
                    {
                        if (a.Port != b.Port)
                            continue;
                        foreach (var host in b.Hosts)
                            if (a.Hosts.Any(h => h.Host == host.Host) && seen.Add((a.Port, host.Host)))
                                found.Add(new GatewayConflict(older.Key, newer.Key, a.Port, host.Host));
                    }
            }
        }
        return found.ToImmutable();
    }

    private static bool ShareWorkloads(GatewayConfig a, GatewayConfig b, IReadOnlyList<WorkloadInstance> workloads)
    {
        if (SameSelector(a.Selector, b.Selector))
            return true;
        foreach (var w in workloads)
            if (a.Selects(w.Namespace, w.Labels) && b.Selects(w.Namespace, w.Labels))
                return true;
        return false;
    }

    private static bool SameSelector(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        var (x, y) = (a ?? ImmutableDictionary<string, string>.Empty, b ?? ImmutableDictionary<string, string>.Empty);
        return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
