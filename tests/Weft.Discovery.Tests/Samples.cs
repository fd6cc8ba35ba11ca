using System.Collections.Immutable;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Tests;

/// <summary>A small but complete snapshot: an outbound proxy listener routing reviews 90/10 to two subsets.</summary>
internal static class Samples
{
    public const string V1 = "outbound|9080|v1|reviews.default.svc.cluster.local";
    public const string V2 = "outbound|9080|v2|reviews.default.svc.cluster.local";

    public static ProxySnapshot Reviews(string version = "1") => new()
    {
        Version = version,
        Node = new NodeInfo { Name = "productpage-v1", Namespace = "default", Labels = ImmutableSortedDictionary.CreateRange([new KeyValuePair<string, string>("app", "productpage")]) },
        Listeners =
        [
            new Listener
            {
                Name = "virtualOutbound",
                Address = "127.0.0.1",
                Port = 15001,
                HttpProxy = true,
                FilterChains = [new FilterChain { Name = "http", Http = new HttpConnectionManager { RouteConfigName = "outbound" } }],
            },
        ],
        RouteConfigurations =
        [
            new RouteConfiguration
            {
                Name = "outbound",
                VirtualHosts =
                [
                    new VirtualHost
                    {
                        Name = "reviews.default.svc.cluster.local:9080",
                        Domains = ["reviews.default.svc.cluster.local:9080", "reviews:9080"],
                        Routes =
                        [
                            new Route
                            {
                                Name = "split",
                                Match = new RouteMatch { Path = StringMatch.ForPrefix("/") },
                                Forward = new RouteAction
                                {
                                    Clusters = [new WeightedCluster { Name = V1, Weight = 90 }, new WeightedCluster { Name = V2, Weight = 10 }],
                                    Timeout = TimeSpan.FromSeconds(1.5),
                                },
                            },
                        ],
                    },
                ],
            },
        ],
        Clusters =
        [
            new Cluster { Name = V1, ServiceName = "reviews.default.svc.cluster.local", Subset = "v1", Port = 9080 },
            new Cluster { Name = V2, ServiceName = "reviews.default.svc.cluster.local", Subset = "v2", Port = 9080 },
        ],
        Endpoints =
        [
            new ClusterLoadAssignment { ClusterName = V1, Endpoints = [new LbEndpoint { Address = "127.0.0.11", Port = 9080 }] },
            new ClusterLoadAssignment { ClusterName = V2, Endpoints = [new LbEndpoint { Address = "127.0.0.12", Port = 9080 }] },
        ],
    };

    public static Route FirstRoute(ProxySnapshot s) => s.RouteConfigurations[0].VirtualHosts[0].Routes[0];

    /// <summary>The sample with its only route replaced.</summary>
    public static ProxySnapshot WithRoute(ProxySnapshot s, Route r)
    {
        var rc = s.RouteConfigurations[0];
        var vh = rc.VirtualHosts[0] with { Routes = [r] };
        return s with { RouteConfigurations = [rc with { VirtualHosts = [vh] }] };
    }
}
