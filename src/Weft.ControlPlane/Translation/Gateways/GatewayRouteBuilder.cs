using System.Collections.Immutable;
using System.Globalization;
using Weft.Discovery.Routes;
using Route = Weft.Discovery.Routes.Route;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// A gateway proxy's route tables (pilot's buildGatewayHTTPRouteConfig): one per port with HTTP
/// servers, <c>http.PORT</c>, holding a virtual host per host a bound VirtualService (or Gateway
/// API route) shares with a server on that port. Routes of every set for one host are merged in
/// order (VirtualServices oldest first, then Gateway API routes by precedence). A server with
/// <c>httpsRedirect</c> answers every request with a 301 to https instead.
/// </summary>
public static class GatewayRouteBuilder
{
    public static string RouteName(int port) => "http." + port.ToString(CultureInfo.InvariantCulture);

    public static string HttpsRouteName(GatewayServer server) => $"https.{server.Port.ToString(CultureInfo.InvariantCulture)}.{server.Name}.{server.GatewayKey}";

    public static ImmutableArray<RouteConfiguration> Build(ProxyBuild b, GatewayBindings bindings, IReadOnlySet<string> clusters)
    {
        var result = ImmutableArray.CreateBuilder<RouteConfiguration>();
        foreach (var (port, servers) in bindings.Ports)
        {
            var http = servers.Where(s => s.IsHttp && !s.TerminatesTls).ToList();
            if (http.Count == 0)
                continue;
            result.Add(new RouteConfiguration { Name = RouteName(port), VirtualHosts = VirtualHosts(b, bindings, port, http, clusters) });
        }
        // Each HTTPS server has its own table (Istio's https.PORT.SERVER.GATEWAY): its certificate and its hosts only.
        foreach (var (port, servers) in bindings.Ports)
            foreach (var server in servers.Where(s => s.IsHttp && s.TerminatesTls))
                result.Add(new RouteConfiguration { Name = HttpsRouteName(server), VirtualHosts = VirtualHosts(b, bindings, port, [server], clusters) });
        return result.ToImmutable();
    }

    public static ImmutableArray<VirtualHost> VirtualHosts(ProxyBuild b, GatewayBindings bindings, int port, IReadOnlyList<GatewayServer> servers, IReadOnlySet<string> clusters)
    {
        var routes = new Dictionary<string, List<Route>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var redirects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in servers)
        {
            if (server.Tls?.HttpsRedirect != true)
                continue;
            foreach (var h in server.Hosts)
                if (redirects.Add(h.Host))
                    order.Add(h.Host);
        }
        // Servers outside (oldest Gateway first), route sets inside, as pilot's buildGatewayHTTPRouteConfig:
        // when two Gateways serve one host on one port, the older Gateway's routes come first and win.
        foreach (var server in servers)
        {
            foreach (var set in bindings.Sets)
            {
                if (!set.GatewayKeys.Contains(server.GatewayKey))
                    continue;
                foreach (var host in set.Hosts)
                {
                    foreach (var sh in server.Hosts)
                    {
                        if (!sh.Admits(set.Namespace) || GatewayBindings.Intersect(sh.Host, host) is not { } name || redirects.Contains(name))
                            continue;
                        if (server.Tls?.HttpsRedirect == true)
                        {
                            // Every host a redirecting server serves redirects, whatever routes it has.
                            redirects.Add(name);
                            if (!routes.ContainsKey(name))
                                order.Add(name);
                            break;
                        }
                        if (!routes.TryGetValue(name, out var list))
                        {
                            routes[name] = list = [];
                            order.Add(name);
                        }
                        foreach (var flat in set.Http)
                            if (GatewayBindings.ForGateway(flat, server.GatewayKey, flat.Namespace) is { } applied)
                                list.AddRange(HttpRouteTranslator.Translate(b, applied, port, clusters));
                        break;
                    }
                }
            }
        }
        var hosts = ImmutableArray.CreateBuilder<VirtualHost>();
        foreach (var name in order)
        {
            var domains = name == "*" ? ImmutableArray.Create("*") : [name, $"{name}:{port.ToString(CultureInfo.InvariantCulture)}"];
            if (redirects.Contains(name))
            {
                hosts.Add(new VirtualHost
                {
                    Name = $"{name}:{port}",
                    Domains = domains,
                    Routes = [new Route { Name = "https_redirect", Match = MatchTranslator.CatchAll, Redirect = new RedirectAction { Scheme = "https", Port = 443, ResponseCode = 301 } }],
                });
                continue;
            }
            if (!routes.TryGetValue(name, out var list) || list.Count == 0)
                continue;
            hosts.Add(new VirtualHost { Name = $"{name}:{port}", Domains = domains, Routes = [.. list] });
        }
        return hosts.ToImmutable();
    }
}
