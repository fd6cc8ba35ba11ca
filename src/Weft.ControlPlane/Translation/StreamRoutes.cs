using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// VirtualService tcp and tls routes (pilot's buildSidecarOutboundTCPTLSFilterChainOpts): the
/// first tcp route whose match fits the port and the proxy wins; each tls route match becomes a
/// chain on its SNI names. Without one, the service's own cluster.
/// </summary>
public static class StreamRoutes
{
    public static ImmutableArray<WeightedCluster> TcpClusters(ProxyBuild b, MeshService service, MeshServicePort port, IReadOnlySet<string> clusters)
    {
        if (b.Scope.VirtualServiceFor(service) is { } vs)
        {
            foreach (var route in vs.Spec.Tcp ?? [])
            {
                var applies = route.Match is not { Count: > 0 } matches || matches.Any(m =>
                    (m.Port is not { } p || p == port.Port) && Fits(b, m.Gateways, m.SourceLabels, m.SourceNamespace));
                if (!applies)
                    continue;
                var weighted = Weighted(b, route.Route, vs.Namespace, port.Port, clusters);
                if (!weighted.IsEmpty)
                    return weighted;
            }
        }
        return [new WeightedCluster { Name = ClusterNames.Outbound(port.Port, "", service.Hostname) }];
    }

    public static IEnumerable<FilterChain> TlsChains(ProxyBuild b, MeshService service, MeshServicePort port, FilterChainMatch baseMatch, IReadOnlySet<string> clusters)
    {
        if (b.Scope.VirtualServiceFor(service) is not { } vs)
            yield break;
        var i = 0;
        foreach (var route in vs.Spec.Tls ?? [])
        {
            foreach (var m in route.Match ?? [])
            {
                if ((m.Port is { } p && p != port.Port) || !Fits(b, m.Gateways, m.SourceLabels, m.SourceNamespace) || m.SniHosts is not { Count: > 0 } sni)
                    continue;
                var weighted = Weighted(b, route.Route, vs.Namespace, port.Port, clusters);
                if (weighted.IsEmpty)
                    continue;
                yield return new FilterChain
                {
                    Name = $"tls|{port.Port}|{service.Hostname}|{i++}",
                    Match = baseMatch with { ServerNames = [.. sni.Select(s => s.ToLowerInvariant())], TransportProtocol = "tls" },
                    Tcp = new TcpProxy { Clusters = weighted, StatPrefix = vs.Id },
                };
            }
        }
    }

    private static bool Fits(ProxyBuild b, IReadOnlyList<string>? gateways, IReadOnlyDictionary<string, string>? sourceLabels, string? sourceNamespace) =>
        (gateways is not { Count: > 0 } g || g.Contains(PushContext.MeshGateway))
        && Labels.Match(sourceLabels, b.Node.Labels)
        && (string.IsNullOrEmpty(sourceNamespace) || sourceNamespace == b.Node.Namespace);

    private static ImmutableArray<WeightedCluster> Weighted(ProxyBuild b, IReadOnlyList<RouteDestination>? destinations, string ns, int port, IReadOnlySet<string> clusters)
    {
        var result = ImmutableArray.CreateBuilder<WeightedCluster>();
        foreach (var d in destinations ?? [])
        {
            if (d.Destination is null)
                continue;
            var weight = destinations!.Count == 1 ? 100 : d.Weight ?? 0;
            if (weight <= 0)
                continue;
            var cluster = HttpRouteTranslator.ClusterFor(b, d.Destination, ns, port);
            if (clusters.Contains(cluster))
                result.Add(new WeightedCluster { Name = cluster, Weight = weight });
        }
        return result.ToImmutable();
    }
}
