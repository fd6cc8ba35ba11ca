using System.Net;
using Microsoft.AspNetCore.Http;
using Weft.Discovery.Clusters;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Forwarding;

public sealed class ForwardingTests
{
    [Fact]
    public async Task A_request_reaches_the_backend_and_comes_back_with_envoy_headers()
    {
        await using var backend = await TestBackend.StartAsync("reviews-v1");
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(address, 8080, backend));

        using var response = await proxy.Client.GetAsync("hello?x=1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("reviews-v1");
        response.Headers.GetValues("server").Should().Equal("weft");
        response.Headers.GetValues("x-backend").Should().Equal("reviews-v1");
        int.Parse(response.Headers.GetValues("x-envoy-upstream-service-time").Single()).Should().BeGreaterThanOrEqualTo(0);
        var seen = backend.Requests.Single();
        seen.PathAndQuery.Should().Be("/hello?x=1");
        seen.Headers["x-request-id"].Should().MatchRegex("^[0-9a-f-]{36}$");
        seen.Headers["x-forwarded-proto"].Should().Be("http");
        seen.Headers["host"].Should().Be($"{address}:8080");
    }

    [Fact]
    public async Task A_request_id_the_client_sent_is_kept()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("x-request-id", "my-id-1");

        using var response = await proxy.Client.SendAsync(request);

        backend.Requests.Single().Headers["x-request-id"].Should().Be("my-id-1");
    }

    [Fact]
    public async Task A_request_without_a_route_gets_404_and_NR_in_the_access_log()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Single(address, 8080, [Snap.To("only-api", "backend", new() { Path = Discovery.Routes.StringMatch.ForPrefix("/api") })],
            [Snap.Cluster("backend")], [Snap.Endpoints("backend", backend)]);
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);

        using var response = await proxy.Client.GetAsync("other");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        var line = await proxy.Process.Process.WaitForLineAsync("\"GET /other HTTP/1.1\" 404", TimeSpan.FromSeconds(5));
        line.Should().Contain(" 404 NR route_not_found ");
        backend.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_cluster_without_endpoints_answers_503_no_healthy_upstream()
    {
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Single(address, 8080, [Snap.To("r", "empty")], [Snap.Cluster("empty")], []);
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);

        using var response = await proxy.Client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Be("no healthy upstream");
        response.Headers.GetValues("server").Should().Equal("weft");
        (await proxy.Process.Process.WaitForLineAsync("\"GET / HTTP/1.1\" 503", TimeSpan.FromSeconds(5))).Should().Contain(" 503 UH no_healthy_upstream ");
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_answers_503_connection_failure()
    {
        var address = Net.UniqueLoopback();
        var dead = Net.UniqueLoopback();
        var snapshot = Snap.Single(address, 8080, [Snap.To("r", "dead")], [Snap.Cluster("dead")], [Snap.Endpoints("dead", (dead, 9))]);
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);

        using var response = await proxy.Client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Be("upstream connect error or disconnect/reset before headers. reset reason: connection failure");
        (await proxy.Process.Process.WaitForLineAsync("\"GET / HTTP/1.1\" 503", TimeSpan.FromSeconds(5))).Should().Contain(" 503 UF ");
    }

    [Fact]
    public async Task Request_and_response_bodies_stream_through()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));
        var big = new string('x', 300_000);

        using var response = await proxy.Client.PostAsync("echo", new StringContent(big));

        (await response.Content.ReadAsStringAsync()).Should().Be(big);
    }

    [Fact]
    public async Task Hop_by_hop_headers_are_not_forwarded()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.TryAddWithoutValidation("keep-alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("proxy-connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("x-custom", "kept");

        using var response = await proxy.Client.SendAsync(request);

        var seen = backend.Requests.Single().Headers;
        seen.Should().ContainKey("x-custom");
        seen.Should().NotContainKey("keep-alive");
        seen.Should().NotContainKey("proxy-connection");
    }

    [Fact]
    public async Task An_app_using_the_proxy_as_its_http_proxy_is_routed_by_the_authority()
    {
        await using var reviews = await TestBackend.StartAsync("reviews");
        await using var ratings = await TestBackend.StartAsync("ratings");
        var address = Net.UniqueLoopback();
        var snapshot = new Discovery.Snapshot.ProxySnapshot
        {
            Version = "v1",
            Listeners = [Snap.Http(address, 15001, "outbound", httpProxy: true)],
            RouteConfigurations =
            [
                Snap.Routes("outbound",
                    Snap.Host(["reviews:9080", "reviews.default.svc.cluster.local:9080"], Snap.To("reviews", "outbound|9080||reviews")),
                    Snap.Host(["ratings:9080"], Snap.To("ratings", "outbound|9080||ratings"))),
            ],
            Clusters = [Snap.Cluster("outbound|9080||reviews"), Snap.Cluster("outbound|9080||ratings")],
            Endpoints = [Snap.Endpoints("outbound|9080||reviews", reviews), Snap.Endpoints("outbound|9080||ratings", ratings)],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using var app = Clients.ViaProxy(address, 15001);

        (await app.GetStringAsync("http://reviews:9080/r")).Should().Be("reviews");
        (await app.GetStringAsync("http://ratings:9080/x")).Should().Be("ratings");
        (await app.GetStringAsync("http://reviews.default.svc.cluster.local:9080/r")).Should().Be("reviews");
        using var unknown = await app.GetAsync("http://details:9080/");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        reviews.Requests.First().PathAndQuery.Should().Be("/r");
        reviews.Requests.First().Headers["host"].Should().Be("reviews:9080");
    }

    [Fact]
    public async Task An_h2c_client_is_served_over_http2()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(address, 8080, backend));
        using var h2 = Clients.For(address, 8080, HttpVersion.Version20);

        using var response = await h2.GetAsync("/");

        response.Version.Should().Be(HttpVersion.Version20);
        (await response.Content.ReadAsStringAsync()).Should().Be("b");
        backend.Requests.Single().Protocol.Should().Be("HTTP/1.1");
    }

    [Fact]
    public async Task Proxies_talk_http2_to_each_other_and_grpc_trailers_arrive_intact()
    {
        await using var grpc = await TestBackend.StartAsync("grpc", async ctx =>
        {
            ctx.Response.ContentType = "application/grpc";
            await ctx.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 2, 8, 1 });
            ctx.Response.AppendTrailer("grpc-status", "0");
            ctx.Response.AppendTrailer("grpc-message", "fine");
        }, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        var client = Net.UniqueLoopback();
        var server = Net.UniqueLoopback();
        // Server-side proxy: inbound listener forwarding to the app over h2c.
        var inbound = Snap.Single(server, 8443, [Snap.To("inbound", "inbound|8443||")], [Snap.Cluster("inbound|8443||", UpstreamProtocol.Http2)], [Snap.Endpoints("inbound|8443||", grpc)]);
        // Client-side proxy: outbound to the server proxy over HTTP/2.
        var outbound = Snap.Single(client, 8080, [Snap.To("outbound", "outbound|8443||svc")], [Snap.Cluster("outbound|8443||svc", UpstreamProtocol.Http2)], [Snap.Endpoints("outbound|8443||svc", (server, 8443))]);
        await using var serverProxy = await ProxyUnderTest.StartAsync(inbound);
        await using var clientProxy = await ProxyUnderTest.StartAsync(outbound);
        using var h2 = Clients.For(client, 8080, HttpVersion.Version20);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pkg.Service/Method") { Content = new ByteArrayContent([0, 0, 0, 0, 0]), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TE.ParseAdd("trailers");

        using var response = await h2.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Equal(0, 0, 0, 0, 2, 8, 1);
        response.TrailingHeaders.GetValues("grpc-status").Should().Equal("0");
        response.TrailingHeaders.GetValues("grpc-message").Should().Equal("fine");
        grpc.Requests.Single().Protocol.Should().Be("HTTP/2");
        grpc.Requests.Single().Headers["te"].Should().Be("trailers");
        (await serverProxy.Process.Process.WaitForLineAsync("\"POST /pkg.Service/Method HTTP/2\" 200", TimeSpan.FromSeconds(5))).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Unknown_destinations_pass_through_or_hit_the_black_hole_as_the_mesh_policy_says()
    {
        await using var outside = await TestBackend.StartAsync("outside");
        var address = Net.UniqueLoopback();
        var snapshot = new Discovery.Snapshot.ProxySnapshot
        {
            Version = "passthrough",
            Listeners = [Snap.Http(address, 15001, "outbound", httpProxy: true)],
            RouteConfigurations =
            [
                Snap.Routes("outbound",
                    Snap.Host(["blocked.example.com"], Snap.To("block", "BlackHoleCluster")),
                    Snap.Host(["*"], Snap.To("allow_any", "PassthroughCluster"))),
            ],
            Clusters =
            [
                new Weft.Discovery.Clusters.Cluster { Name = "PassthroughCluster", Type = ClusterType.OriginalDestination, LoadBalancer = new() { Policy = LoadBalancerPolicy.Passthrough } },
                new Weft.Discovery.Clusters.Cluster { Name = "BlackHoleCluster", Type = ClusterType.BlackHole },
            ],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using var app = Clients.ViaProxy(address, 15001);

        (await app.GetStringAsync($"http://{outside.Authority}/anything")).Should().Be("outside");
        using var blocked = await app.GetAsync("http://blocked.example.com/");

        blocked.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await proxy.Process.Process.WaitForLineAsync("\"GET / HTTP/1.1\" 502", TimeSpan.FromSeconds(5))).Should().Contain(" BlackHoleCluster ");
    }

    [Fact]
    public async Task A_gateway_appends_the_client_address_to_x_forwarded_for()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Forwarding(address, 8080, backend) with { Listeners = [Snap.Http(address, 8080, useRemoteAddress: true)] };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("x-forwarded-for", "203.0.113.7");

        using var response = await proxy.Client.SendAsync(request);

        backend.Requests.Single().Headers["x-forwarded-for"].Should().Be("203.0.113.7, 127.0.0.1");
    }
}
