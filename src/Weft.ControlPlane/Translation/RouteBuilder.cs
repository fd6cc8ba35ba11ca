using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Routes;
using Route = Weft.Discovery.Routes.Route;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// A proxy's route tables (pilot's BuildHTTPRoutes). Explicit interception routes every HTTP
/// service port through one table, <c>http_proxy</c> (the app's HTTP_PROXY), so each virtual
/// host carries its port in its domains (<c>reviews:9080</c>) and only port 80 is also reached by
/// bare names; anything else goes to PassthroughCluster (ALLOW_ANY) or BlackHoleCluster
/// (REGISTRY_ONLY). Each owned HTTP port gets its inbound table, <c>inbound|P||</c>.
/// </summary>
public static class RouteBuilder
{
    public const string HttpProxyRoute = "http_proxy";

    public static ImmutableArray<RouteConfiguration> Build(ProxyBuild b, IReadOnlySet<string> clusters) => [HttpProxy(b, clusters), .. Inbound(b)];

    /// <summary>
    /// The <c>http_proxy</c> table (shared per <see cref="OutboundPart"/> key). Only outbound
    /// clusters are ever named by it, so <paramref name="clusters"/> may hold just those.
    /// </summary>
    public static RouteConfiguration HttpProxy(ProxyBuild b, IReadOnlySet<string> clusters) =>
        new() { Name = HttpProxyRoute, VirtualHosts = OutboundVirtualHosts(b, clusters) };

    /// <summary>This proxy's inbound tables, one per owned HTTP (or sniffed) port.</summary>
    public static ImmutableArray<RouteConfiguration> Inbound(ProxyBuild b)
    {
        var result = ImmutableArray.CreateBuilder<RouteConfiguration>();
        foreach (var p in b.Inbound)
        {
            if (!p.Protocol.IsHttp() && p.Protocol != PortProtocol.Unsupported)
                continue;
            result.Add(new RouteConfiguration
            {
                Name = ClusterNames.Inbound(p.Port),
                VirtualHosts =
                [
                    new VirtualHost
                    {
                        Name = $"inbound|http|{p.Port}",
                        Domains = ["*"],
                        // Istio's inbound route: no retries, no timeout; the client's sidecar owns both.
                        Routes = [new Route { Name = "default", Match = MatchTranslator.CatchAll, Forward = new RouteAction { Clusters = [new WeightedCluster { Name = ClusterNames.Inbound(p.Port) }] } }],
                    },
                ],
            });
        }
        return result.ToImmutable();
    }

    private static ImmutableArray<VirtualHost> OutboundVirtualHosts(ProxyBuild b, IReadOnlySet<string> clusters)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hosts = ImmutableArray.CreateBuilder<VirtualHost>();
        foreach (var (service, port) in b.OutboundPorts())
        {
            if (!port.IsHttp)
                continue;
            var domains = Domains(b, service, port.Port).Where(used.Add).ToImmutableArray();
            if (domains.IsEmpty)
                continue;
            hosts.Add(new VirtualHost { Name = $"{service.Hostname}:{port.Port}", Domains = domains, Routes = Routes(b, service, port.Port, clusters) });
        }
        foreach (var host in VirtualServiceOnlyHosts(b, used, clusters))
            hosts.Add(host);
        if (used.Add("*"))
        {
            var registryOnly = b.Scope.OutboundMode == OutboundTrafficPolicyMode.RegistryOnly;
            var name = registryOnly ? "block_all" : "allow_any";
            hosts.Add(new VirtualHost
            {
                Name = name,
                Domains = ["*"],
                Routes =
                [
                    new Route
                    {
                        Name = name,
                        Match = MatchTranslator.CatchAll,
                        Forward = new RouteAction { Clusters = [new WeightedCluster { Name = registryOnly ? ClusterNames.BlackHole : ClusterNames.Passthrough }] },
                    },
                ],
            });
        }
        return hosts.ToImmutable();
    }

    /// <summary>
    /// VirtualService hosts that name no visible service (<c>api.example.com</c> routed to an
    /// internal service): Istio still builds their virtual hosts. With one route table for every
    /// port, they answer on port 80, by bare name and with <c>:80</c>.
    /// </summary>
    private static IEnumerable<VirtualHost> VirtualServiceOnlyHosts(ProxyBuild b, HashSet<string> used, IReadOnlySet<string> clusters)
    {
        foreach (var vs in b.Scope.VirtualServices)
        {
            foreach (var host in vs.Hosts)
            {
                if (host == "*" || b.Scope.Services.Any(s => HostNames.Overlap(host, s.Hostname)))
                    continue;
                var domains = new[] { host, host + ":80" }.Where(used.Add).ToImmutableArray();
                if (domains.IsEmpty)
                    continue;
                var routes = DelegateFlattener.Flatten(b.Push, vs).SelectMany(f => HttpRouteTranslator.Translate(b, f, 80, clusters)).ToImmutableArray();
                if (!routes.IsEmpty)
                    yield return new VirtualHost { Name = host + ":80", Domains = domains, Routes = routes };
            }
        }
    }

    /// <summary>
    /// The routes of one service port: its VirtualService's, when one applies and keeps at least
    /// one route for this proxy (else Istio drops the whole VirtualService for it), or the default
    /// route to the service with Istio's default retry policy.
    /// </summary>
    private static ImmutableArray<Route> Routes(ProxyBuild b, MeshService service, int port, IReadOnlySet<string> clusters)
    {
        if (b.Scope.VirtualServiceFor(service) is { } vs)
        {
            var routes = DelegateFlattener.Flatten(b.Push, vs)
                .SelectMany(f => HttpRouteTranslator.Translate(b, f, port, clusters))
                .ToImmutableArray();
            if (!routes.IsEmpty)
                return routes;
        }
        return
        [
            new Route
            {
                Name = "default",
                Match = MatchTranslator.CatchAll,
                Forward = new RouteAction { Clusters = [new WeightedCluster { Name = ClusterNames.Outbound(port, "", service.Hostname) }], Retry = RetryPolicies.Default },
            },
        ];
    }

    /// <summary>Every name a client may use for the service port: with the port, and for port 80 also without.</summary>
    public static IEnumerable<string> Domains(ProxyBuild b, MeshService service, int port)
    {
        foreach (var name in HostNames.CallableNames(service, b.Node.Namespace))
        {
            if (port == 80)
                yield return name;
            yield return $"{name}:{port}";
        }
        // Its mesh-wide address (a Service's cluster IP, a ServiceEntry's allocated one), as Istio
        // adds the VIP: a client that dialled the address sends it as the Host.
        if (service.AutoAddress is { } address)
        {
            if (port == 80)
                yield return address;
            yield return $"{address}:{port}";
        }
    }
}
