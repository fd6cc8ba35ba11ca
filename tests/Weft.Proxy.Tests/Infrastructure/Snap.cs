using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Codec;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Testing;
using Route = Weft.Discovery.Routes.Route;

namespace Weft.Proxy.Tests.Infrastructure;

/// <summary>Short builders for test snapshots (what translation would produce).</summary>
internal static class Snap
{
    public static Listener Http(string address, int port, string routeConfig = "routes", bool httpProxy = false, string name = "http", bool useRemoteAddress = false) => new()
    {
        Name = $"{name}-{port}",
        Address = address,
        Port = port,
        HttpProxy = httpProxy,
        FilterChains = [new FilterChain { Name = name, Http = new HttpConnectionManager { RouteConfigName = routeConfig, UseRemoteAddress = useRemoteAddress } }],
    };

    public static RouteConfiguration Routes(string name, params VirtualHost[] hosts) => new() { Name = name, VirtualHosts = [.. hosts] };

    public static VirtualHost Host(string[] domains, params Route[] routes) => new() { Name = domains[0], Domains = [.. domains], Routes = [.. routes] };

    public static Route To(string name, string cluster, RouteMatch? match = null) => new()
    {
        Name = name,
        Match = match ?? new RouteMatch { Path = StringMatch.ForPrefix("/") },
        Forward = new RouteAction { Clusters = [new WeightedCluster { Name = cluster }] },
    };

    public static Route Split(string name, params (string Cluster, int Weight)[] split) => new()
    {
        Name = name,
        Match = new RouteMatch { Path = StringMatch.ForPrefix("/") },
        Forward = new RouteAction { Clusters = [.. split.Select(s => new WeightedCluster { Name = s.Cluster, Weight = s.Weight })] },
    };

    public static Cluster Cluster(string name, UpstreamProtocol protocol = UpstreamProtocol.Http1) => new() { Name = name, Protocol = protocol, LoadBalancer = new() { Policy = LoadBalancerPolicy.RoundRobin } };

    public static ClusterLoadAssignment Endpoints(string cluster, params TestBackend[] backends) => new()
    {
        ClusterName = cluster,
        Endpoints = [.. backends.Select(b => new LbEndpoint { Address = b.Address, Port = b.Port, Workload = b.Name })],
    };

    public static ClusterLoadAssignment Endpoints(string cluster, params (string Address, int Port)[] eps) => new()
    {
        ClusterName = cluster,
        Endpoints = [.. eps.Select(e => new LbEndpoint { Address = e.Address, Port = e.Port })],
    };

    /// <summary>One HTTP listener, one route table "routes" with a catch-all virtual host, the given clusters.</summary>
    public static ProxySnapshot Single(string address, int port, Route[] routes, Cluster[] clusters, ClusterLoadAssignment[] endpoints, string version = "v1", bool httpProxy = false)
        => new()
        {
            Version = version,
            Listeners = [Http(address, port, httpProxy: httpProxy)],
            RouteConfigurations = [Routes("routes", Host(["*"], routes))],
            Clusters = [.. clusters],
            Endpoints = [.. endpoints],
        };

    /// <summary>A snapshot forwarding everything to the backends, round robin.</summary>
    public static ProxySnapshot Forwarding(string address, int port, params TestBackend[] backends)
        => Single(address, port, [To("all", "backend")], [Cluster("backend")], [Endpoints("backend", backends)]);
}

/// <summary>A weft-proxy serving a snapshot file, with a client for its first listener.</summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    private ProxyUnderTest(ProxyProcess process, TempDir dir, HttpClient client)
    {
        Process = process;
        Dir = dir;
        Client = client;
    }

    public ProxyProcess Process { get; }

    public TempDir Dir { get; }

    public HttpClient Client { get; }

    public string Output => Process.Output;

    public static async Task<ProxyUnderTest> StartAsync(ProxySnapshot snapshot, params string[] extraArgs)
    {
        var dir = new TempDir("weft-proxy-test");
        var file = dir.Write("snapshot.json", SnapshotCodec.EncodeIndented(snapshot));
        var process = await ProxyProcess.StartAsync(["--snapshot-file", file, "--drain-seconds", "1", .. extraArgs]);
        var l = snapshot.Listeners[0];
        return new ProxyUnderTest(process, dir, Clients.For(l.Address, l.Port));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
        Dir.Dispose();
    }
}

public static class Clients
{
    public static HttpClient For(string address, int port, Version? version = null) => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri($"http://{address}:{port}/"),
        Timeout = TimeSpan.FromSeconds(15),
        DefaultRequestVersion = version ?? HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>A client that uses the proxy as its HTTP proxy (absolute-form requests, CONNECT).</summary>
    public static HttpClient ViaProxy(string address, int port) => new(new SocketsHttpHandler
    {
        Proxy = new WebProxy($"http://{address}:{port}"),
        UseProxy = true,
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };
}
