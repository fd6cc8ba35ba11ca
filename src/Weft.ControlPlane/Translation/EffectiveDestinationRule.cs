using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// The DestinationRule that applies to one service for one proxy, merged as Istio merges rules
/// for the same host in one namespace: the first rule's traffic policy, every rule's subsets
/// (the first of a name wins).
/// </summary>
public sealed record EffectiveDestinationRule(string Id, TrafficPolicy? TrafficPolicy, ImmutableArray<Subset> Subsets)
{
    public Subset? Subset(string name) => Subsets.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// Istio's precedence: a rule in the proxy's namespace, else one exported to it from the
    /// service's namespace, else one exported to it from the root namespace. Within a
    /// namespace the most specific host wins (exact before wildcards).
    /// </summary>
    public static EffectiveDestinationRule? For(PushContext push, string proxyNamespace, IReadOnlyDictionary<string, string> proxyLabels, MeshService service)
    {
        // Rules in the proxy's own namespace apply whatever their exportTo says (Istio's namespaceLocal index).
        if (Pick(push, proxyNamespace, service.Hostname, dr => Selects(dr, proxyNamespace, proxyLabels)) is { } local)
            return local;
        if (service.Namespace != proxyNamespace
            && Pick(push, service.Namespace, service.Hostname, dr => dr.ExportTo.VisibleTo(proxyNamespace) && dr.Spec.WorkloadSelector is null) is { } fromService)
            return fromService;
        if (push.RootNamespace != proxyNamespace
            && Pick(push, push.RootNamespace, service.Hostname, dr => dr.ExportTo.VisibleTo(proxyNamespace) && dr.Spec.WorkloadSelector is null) is { } fromRoot)
            return fromRoot;
        return null;
    }

    private static bool Selects(DestinationRuleEntry dr, string ns, IReadOnlyDictionary<string, string> labels) =>
        dr.Spec.WorkloadSelector?.MatchLabels is not { Count: > 0 } sel || (dr.Namespace == ns && Labels.Match(sel, labels));

    private static EffectiveDestinationRule? Pick(PushContext push, string ns, string host, Func<DestinationRuleEntry, bool> eligible)
    {
        string? bestHost = null;
        var bestScore = -1;
        foreach (var dr in push.DestinationRules)
        {
            if (dr.Namespace != ns || !HostNames.Matches(dr.Host, host) || !eligible(dr))
                continue;
            var score = HostNames.Specificity(dr.Host);
            if (score > bestScore)
            {
                bestScore = score;
                bestHost = dr.Host;
            }
        }
        if (bestHost is null)
            return null;
        var rules = push.DestinationRules.Where(dr => dr.Namespace == ns && dr.Host == bestHost && eligible(dr)).ToList();
        var subsets = new List<Subset>();
        foreach (var r in rules)
            foreach (var s in r.Spec.Subsets ?? [])
                if (s.Name is { Length: > 0 } && !subsets.Any(x => x.Name == s.Name))
                    subsets.Add(s);
        return new EffectiveDestinationRule(rules[0].Id, rules[0].Spec.TrafficPolicy, [.. subsets]);
    }
}
