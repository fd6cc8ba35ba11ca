using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Weft.Discovery.Clusters;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;
using Route = Weft.Discovery.Routes.Route;

namespace Weft.Proxy.Tests.Pipeline;

/// <summary>
/// One proxy for all route-policy tests: each scenario is a virtual host chosen by the Host
/// header, so a test costs one request, not one process. Backends: main, flaky (fails the
/// first try of each request id), shadow (the mirror target), other.
/// </summary>
public sealed class PolicyMesh : IAsyncLifetime
{
    public TestBackend Main { get; private set; } = null!;
    public TestBackend Flaky { get; private set; } = null!;
    public TestBackend Shadow { get; private set; } = null!;
    public TestBackend Other { get; private set; } = null!;
    public ProxyUnderTest Proxy { get; private set; } = null!;
    public string Address { get; } = Net.UniqueLoopback();

    private readonly ConcurrentDictionary<string, int> _tries = new();

    public async ValueTask InitializeAsync()
    {
        Main = await TestBackend.StartAsync("main");
        Other = await TestBackend.StartAsync("other");
        Shadow = await TestBackend.StartAsync("shadow");
        Flaky = await TestBackend.StartAsync("flaky", async ctx =>
        {
            var id = ctx.Request.Headers["x-request-id"].ToString();
            var n = _tries.AddOrUpdate(id, 1, (_, v) => v + 1);
            if (n == 1 && ctx.Request.Path == "/slow-first")
            {
                await Task.Delay(3000, ctx.RequestAborted);
                return;
            }
            ctx.Response.StatusCode = n == 1 || ctx.Request.Path == "/always-503" ? 503 : 200;
            await ctx.Response.WriteAsync($"flaky try {n}");
        });
        Proxy = await ProxyUnderTest.StartAsync(Build());
    }

    private static VirtualHost Scenario(string host, params Route[] routes) => Snap.Host([host], routes);

    private static RouteAction Fwd(string cluster) => new() { Clusters = [new WeightedCluster { Name = cluster }] };

    private static readonly RouteMatch Any = new() { Path = StringMatch.ForPrefix("/") };

    private ProxySnapshot Build() => new()
    {
        Version = "policies",
        Listeners = [Snap.Http(Address, 8080)],
        RouteConfigurations =
        [
            Snap.Routes("routes",
                Scenario("retry", new Route { Name = "retry", Match = Any, Forward = Fwd("flaky") with { Retry = new RetryPolicy { Attempts = 2, RetryOn = ["5xx"] } } }),
                Scenario("retry-default-istio", new Route { Name = "istio-default", Match = Any, Forward = Fwd("flaky") with { Retry = new RetryPolicy { Attempts = 2, RetryOn = ["connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"], RetriableStatusCodes = [503] } } }),
                Scenario("per-try", new Route { Name = "per-try", Match = Any, Forward = Fwd("flaky") with { Retry = new RetryPolicy { Attempts = 1, RetryOn = ["5xx"], PerTryTimeout = TimeSpan.FromMilliseconds(300) } } }),
                Scenario("no-retry", new Route { Name = "no-retry", Match = Any, Forward = Fwd("flaky") }),
                Scenario("timeout", new Route { Name = "timeout", Match = Any, Forward = Fwd("main") with { Timeout = TimeSpan.FromMilliseconds(300) } }),
                Scenario("abort", new Route { Name = "abort", Match = Any, Forward = Fwd("main"), Fault = new FaultPolicy { Abort = new FaultAbort { HttpStatus = 418 } } }),
                Scenario("delay", new Route { Name = "delay", Match = Any, Forward = Fwd("main"), Fault = new FaultPolicy { Delay = new FaultDelay { FixedDelay = TimeSpan.FromMilliseconds(400) } } }),
                Scenario("mirror", new Route { Name = "mirror", Match = Any, Forward = Fwd("main") with { Mirrors = [new MirrorPolicy { Cluster = "shadow" }] } }),
                Scenario("mirror-none", new Route { Name = "mirror-none", Match = Any, Forward = Fwd("main") with { Mirrors = [new MirrorPolicy { Cluster = "shadow", Percent = 0 }] } }),
                Scenario("redirect", new Route { Name = "redirect", Match = new() { Path = StringMatch.ForPrefix("/old") }, Redirect = new RedirectAction { Host = "new.example.com", PrefixRewrite = "/new" } }),
                Scenario("direct", new Route { Name = "direct", Match = Any, DirectResponse = new DirectResponseAction { Status = 503, Body = "maintenance" } }),
                Scenario("rewrite", new Route { Name = "rewrite", Match = new() { Path = StringMatch.ForPrefix("/v1/") }, Forward = Fwd("main") with { Rewrite = new PathRewrite { Prefix = "/v2/" }, HostRewrite = "reviews.internal" } }),
                Scenario("regex-rewrite", new Route { Name = "regex-rewrite", Match = Any, Forward = Fwd("main") with { Rewrite = new PathRewrite { Regex = "^/service/([^/]+)(/.*)$", Substitution = "\\2/instance/\\1" } } }),
                Scenario("headers", new Route
                {
                    Name = "headers",
                    Match = Any,
                    Forward = new RouteAction { Clusters = [new WeightedCluster { Name = "main", RequestHeaders = new() { Set = [new("x-dest", "main")] }, ResponseHeaders = new() { Add = [new("x-dest-resp", "main")] } }] },
                    RequestHeaders = new() { Set = [new("x-route", "set")], Add = [new("x-added", "a")], Remove = ["x-remove-me"] },
                    ResponseHeaders = new() { Set = [new("x-resp", "set")], Remove = ["x-backend"] },
                }),
                Scenario("cors", new Route { Name = "cors", Match = Any, Forward = Fwd("main"), Cors = new CorsPolicy { AllowOrigins = [StringMatch.ForExact("https://app.example.com")], AllowMethods = ["GET", "POST"], AllowHeaders = ["x-token"], MaxAge = TimeSpan.FromHours(1), ExposeHeaders = ["x-backend"] } }),
                Snap.Host(["match"],
                    new Route { Name = "exact", Match = new() { Path = StringMatch.ForExact("/exact") }, DirectResponse = new() { Status = 200, Body = "exact" } },
                    new Route { Name = "ignore-case", Match = new() { Path = StringMatch.ForPrefix("/case", ignoreCase: true) }, DirectResponse = new() { Status = 200, Body = "ignore-case" } },
                    new Route { Name = "header-and-query", Match = new() { Path = StringMatch.ForPrefix("/h"), Headers = [new HeaderMatcher { Name = "end-user", Match = StringMatch.ForExact("jason") }], QueryParameters = [new QueryParameterMatcher { Name = "debug", Match = StringMatch.ForExact("1") }] }, DirectResponse = new() { Status = 200, Body = "jason+debug" } },
                    new Route { Name = "header-regex", Match = new() { Path = StringMatch.ForPrefix("/h"), Headers = [new HeaderMatcher { Name = "end-user", Match = StringMatch.ForRegex("j.*") }] }, DirectResponse = new() { Status = 200, Body = "j-regex" } },
                    new Route { Name = "without-header", Match = new() { Path = StringMatch.ForPrefix("/h"), Headers = [new HeaderMatcher { Name = "x-canary", Invert = true }] }, DirectResponse = new() { Status = 200, Body = "no-canary" } },
                    new Route { Name = "method", Match = new() { Path = StringMatch.ForPrefix("/m"), Headers = [new HeaderMatcher { Name = ":method", Match = StringMatch.ForExact("DELETE") }] }, DirectResponse = new() { Status = 200, Body = "delete" } },
                    new Route { Name = "regex-path", Match = new() { Path = StringMatch.ForRegex("/items/[0-9]+") }, DirectResponse = new() { Status = 200, Body = "item" } },
                    new Route { Name = "first-wins", Match = new() { Path = StringMatch.ForPrefix("/") }, DirectResponse = new() { Status = 200, Body = "catch-all" } },
                    new Route { Name = "never", Match = new() { Path = StringMatch.ForPrefix("/never") }, DirectResponse = new() { Status = 200, Body = "never" } }),
                Scenario("sticky-cookie", new Route { Name = "sticky-cookie", Match = Any, Forward = Fwd("sticky-cookie") }),
                Scenario("sticky-query", new Route { Name = "sticky-query", Match = Any, Forward = Fwd("sticky-query") }),
                Snap.Host(["*.wild.example.com"], new Route { Name = "suffix-wildcard", Match = Any, DirectResponse = new() { Status = 200, Body = "suffix" } }),
                Snap.Host(["*"], new Route { Name = "default", Match = Any, Forward = Fwd("other") })),
        ],
        Clusters =
        [
            Snap.Cluster("main"), Snap.Cluster("flaky"), Snap.Cluster("shadow"), Snap.Cluster("other"),
            Snap.Cluster("sticky-cookie") with { LoadBalancer = new() { Policy = LoadBalancerPolicy.RingHash, ConsistentHash = new() { HttpCookie = new HashCookie { Name = "sticky", Path = "/", Ttl = TimeSpan.FromSeconds(60) } } } },
            Snap.Cluster("sticky-query") with { LoadBalancer = new() { Policy = LoadBalancerPolicy.Maglev, ConsistentHash = new() { HttpQueryParameterName = "user" } } },
        ],
        Endpoints =
        [
            Snap.Endpoints("main", Main), Snap.Endpoints("flaky", Flaky), Snap.Endpoints("shadow", Shadow), Snap.Endpoints("other", Other),
            Snap.Endpoints("sticky-cookie", Main, Other, Shadow), Snap.Endpoints("sticky-query", Main, Other, Shadow),
        ],
    };

    public async Task<HttpResponseMessage> SendAsync(string host, string path, HttpMethod? method = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Host = host;
        configure?.Invoke(request);
        return await Proxy.Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Main.DisposeAsync();
        await Flaky.DisposeAsync();
        await Shadow.DisposeAsync();
        await Other.DisposeAsync();
    }
}
