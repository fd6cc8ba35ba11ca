using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Model.Networking;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// A gateway proxy's listeners (pilot's buildGatewayListeners): one per server port, bound on the
/// gateway's address. HTTP servers share one HTTP chain routed by <c>http.PORT</c> (client
/// address from the socket, as Envoy's gateways use_remote_address); TLS PASSTHROUGH servers get
/// one chain per SNI set of their bound tls routes; TCP servers relay to the first bound tcp route,
/// and so do TLS servers that terminate (SIMPLE, MUTUAL, ISTIO_MUTUAL), on their hosts as SNI.
/// </summary>
public static class GatewayListenerBuilder
{
    public static ImmutableArray<Listener> Build(ProxyBuild b, GatewayBindings bindings, IReadOnlySet<string> clusters)
    {
        var listeners = ImmutableArray.CreateBuilder<Listener>();
        foreach (var (port, servers) in bindings.Ports)
        {
            var chains = ImmutableArray.CreateBuilder<FilterChain>();
            foreach (var server in servers.Where(s => s.IsPassthrough))
                chains.AddRange(PassthroughChains(b, bindings, server, clusters));
            // Servers naming hosts come before catch-all ones, so SNI picks the most specific certificate.
            // An SNI name (or the catch-all) an older server on this port already serves is not served
            // again: the first Gateway by creation time wins, as Istio's MergeGateways (IST0145 reports it).
            var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            // A TLS server that terminates (SIMPLE, MUTUAL, ISTIO_MUTUAL) relays the decrypted bytes by its
            // bound tcp routes, as pilot's buildGatewayNetworkFiltersFromTCPRoutes (Istio's egress gateway
            // for TCP behind mesh mTLS); one without a route serves nothing and claims no name.
            foreach (var server in servers.Where(s => s.TerminatesTls).OrderBy(s => GatewayCredentials.ServerNames(s).IsEmpty))
            {
                ImmutableArray<WeightedCluster> relay = server.IsHttp ? [] : TcpClusters(b, bindings, server, clusters, serverHosts: true);
                if (!server.IsHttp && relay.IsEmpty)
                    continue;
                if (GatewayCredentials.For(b, server) is not { } tls)
                    continue;
                var own = GatewayCredentials.ServerNames(server);
                var names = own.Where(n => !claimed.Contains(n)).ToImmutableArray();
                if (own.IsEmpty ? !claimed.Add("*") : names.IsEmpty)
                    continue;
                claimed.UnionWith(names);
                var name = server.IsHttp ? GatewayRouteBuilder.HttpsRouteName(server) : $"tls.{server.Port}.{server.Name}.{server.GatewayKey}";
                chains.Add(new FilterChain
                {
                    Name = name,
                    Match = new FilterChainMatch { ServerNames = names, TransportProtocol = "tls" },
                    Http = server.IsHttp ? new HttpConnectionManager { RouteConfigName = GatewayRouteBuilder.HttpsRouteName(server), UseRemoteAddress = true } : null,
                    Tcp = server.IsHttp ? null : new TcpProxy { Clusters = relay, StatPrefix = name },
                    // Bytes relayed after TLS are no HTTP: no ALPN is offered for them.
                    Tls = server.IsHttp ? tls : tls with { AlpnProtocols = [] },
                });
            }
            FilterChain? fallback = null;
            if (servers.Any(s => s.IsHttp && !s.TerminatesTls))
            {
                fallback = new FilterChain
                {
                    Name = GatewayRouteBuilder.RouteName(port),
                    Http = new HttpConnectionManager { RouteConfigName = GatewayRouteBuilder.RouteName(port), UseRemoteAddress = true },
                };
            }
            else if (servers.FirstOrDefault(s => s.IsTcp) is { } tcp && TcpClusters(b, bindings, tcp, clusters) is { IsEmpty: false } weighted)
            {
                fallback = new FilterChain { Name = $"tcp.{port}", Tcp = new TcpProxy { Clusters = weighted, StatPrefix = $"tcp.{port}" } };
            }
            if (fallback is not null)
                chains.Add(fallback);
            if (chains.Count == 0)
                continue;
            listeners.Add(new Listener
            {
                Name = $"{b.BindAddress}_{port.ToString(CultureInfo.InvariantCulture)}",
                Address = b.BindAddress,
                Port = port,
                // Outbound, as Istio's gateway listeners: PeerAuthentication and mesh TLS termination are for sidecars' inbound ports, not a gateway's public ones.
                Direction = TrafficDirection.Outbound,
                FilterChains = chains.ToImmutable(),
            });
        }
        return listeners.ToImmutable();
    }

    private static IEnumerable<FilterChain> PassthroughChains(ProxyBuild b, GatewayBindings bindings, GatewayServer server, IReadOnlySet<string> clusters)
    {
        var i = 0;
        foreach (var set in bindings.Sets)
        {
            if (!set.GatewayKeys.Contains(server.GatewayKey))
                continue;
            foreach (var route in set.Tls)
            {
                foreach (var m in route.Match ?? [])
                {
                    if (!GatewayBindings.Applies(m.Gateways, m.Port, server, set.Namespace) || m.SniHosts is not { Count: > 0 } sni)
                        continue;
                    var names = sni.Where(n => server.Hosts.Any(h => h.Admits(set.Namespace) && GatewayBindings.Intersect(h.Host, n) is not null))
                        .Select(n => n.ToLowerInvariant()).ToImmutableArray();
                    var weighted = Weighted(b, route.Route, set.Namespace, server.Port, clusters);
                    if (names.IsEmpty || weighted.IsEmpty)
                        continue;
                    yield return new FilterChain
                    {
                        Name = $"tls.{server.Port}.{set.Id}.{i++}",
                        Match = new FilterChainMatch { ServerNames = names, TransportProtocol = "tls" },
                        Tcp = new TcpProxy { Clusters = weighted, StatPrefix = set.Id },
                    };
                }
            }
        }
    }

    /// <summary>
    /// The first bound tcp route whose match fits the server. With <paramref name="serverHosts"/> (a
    /// server that terminates TLS for named hosts) only route sets sharing one of its hosts count.
    /// </summary>
    private static ImmutableArray<WeightedCluster> TcpClusters(ProxyBuild b, GatewayBindings bindings, GatewayServer server, IReadOnlySet<string> clusters, bool serverHosts = false)
    {
        foreach (var set in bindings.Sets)
        {
            if (!set.GatewayKeys.Contains(server.GatewayKey))
                continue;
            if (serverHosts && !set.Hosts.Any(h => server.Hosts.Any(sh => sh.Admits(set.Namespace) && GatewayBindings.Intersect(sh.Host, h) is not null)))
                continue;
            foreach (var route in set.Tcp)
            {
                var applies = route.Match is not { Count: > 0 } matches || matches.Any(m => GatewayBindings.Applies(m.Gateways, m.Port, server, set.Namespace));
                if (applies && Weighted(b, route.Route, set.Namespace, server.Port, clusters) is { IsEmpty: false } weighted)
                    return weighted;
            }
        }
        return [];
    }

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
