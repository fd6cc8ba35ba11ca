using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Clusters;
using Weft.Discovery.Routes;
using Weft.Proxy.Routing;
using Weft.Proxy.Upstream;
using Route = Weft.Discovery.Routes.Route;

namespace Weft.Benchmarks.Routing;

/// <summary>
/// Route tables of a given size and kind, compiled by the proxy's own compiler, and requests
/// that hit a chosen route (or none). Route i of each kind:
/// exact <c>/api/v1/resource-i</c>; prefix <c>/svc-i/</c>; regex <c>/r-i/[a-z]+/[0-9]+</c>;
/// header: prefix <c>/</c> and <c>x-tenant: tenant-i</c>; mixed: kind i mod 4 of those.
/// </summary>
public static class RouteTables
{
    public const string Authority = "backend.bench.svc.cluster.local:8080";

    public static readonly string[] Kinds = ["exact", "prefix", "regex", "header"];

    public static Route RouteFor(string mix, int i, string cluster)
    {
        var kind = mix == "mixed" ? Kinds[i % Kinds.Length] : mix;
        var n = i.ToString(CultureInfo.InvariantCulture);
        var match = kind switch
        {
            "exact" => new RouteMatch { Path = StringMatch.ForExact($"/api/v1/resource-{n}") },
            "prefix" => new RouteMatch { Path = StringMatch.ForPrefix($"/svc-{n}/") },
            "regex" => new RouteMatch { Path = StringMatch.ForRegex($"/r-{n}/[a-z]+/[0-9]+") },
            "header" => new RouteMatch
            {
                Path = StringMatch.ForPrefix("/"),
                Headers = [new HeaderMatcher { Name = "x-tenant", Match = StringMatch.ForExact($"tenant-{n}") }],
            },
            _ => throw new ArgumentException($"unknown route kind '{kind}'", nameof(mix)),
        };
        return new Route { Name = $"{kind}-{n}", Match = match, Forward = new RouteAction { Clusters = [new WeightedCluster { Name = cluster }] } };
    }

    /// <summary>One virtual host (every domain) with <paramref name="count"/> routes of the mix, compiled.</summary>
    public static CompiledRouteTable Compile(string mix, int count, out ClusterRuntime cluster)
    {
        cluster = new ClusterRuntime(new Cluster { Name = "backend" }, "backend", TimeProvider.System, NullLoggerFactory.Instance);
        var routes = new Route[count];
        for (var i = 0; i < count; i++)
            routes[i] = RouteFor(mix, i, cluster.Name);
        var rc = new RouteConfiguration { Name = "routes", VirtualHosts = [new VirtualHost { Name = "backend", Domains = ["*"], Routes = [.. routes] }] };
        return new CompiledRouteTable(rc, new Dictionary<string, ClusterRuntime> { [cluster.Name] = cluster });
    }

    /// <summary>A request that the route with index <paramref name="target"/> of the mix matches; -1: one nothing matches.</summary>
    public static HttpContext RequestFor(string mix, int target)
    {
        var http = new DefaultHttpContext();
        var r = http.Request;
        r.Method = "GET";
        r.Scheme = "http";
        r.Host = new HostString(Authority);
        r.Headers.UserAgent = "wrk";
        r.Headers.Accept = "*/*";
        if (target < 0)
        {
            r.Path = "/nowhere/at/all";
            r.Headers["x-tenant"] = "nobody";
            return http;
        }
        var kind = mix == "mixed" ? Kinds[target % Kinds.Length] : mix;
        var n = target.ToString(CultureInfo.InvariantCulture);
        r.Path = kind switch
        {
            "exact" => $"/api/v1/resource-{n}",
            "prefix" => $"/svc-{n}/items/42",
            "regex" => $"/r-{n}/items/42",
            _ => "/anything",
        };
        r.Headers["x-tenant"] = kind == "header" ? $"tenant-{n}" : "nobody";
        return http;
    }
}
