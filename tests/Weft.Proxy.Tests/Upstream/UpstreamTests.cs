using System.Diagnostics;
using System.Net;
using Weft.Discovery.Clusters;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Upstream;

public sealed class UpstreamTests
{
    private static async Task<string> BodyAsync(HttpClient c, string path = "/", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await c.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Round_robin_spreads_requests_evenly()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var c = await TestBackend.StartAsync("c");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, a, b, c));

        for (var i = 0; i < 30; i++)
            await BodyAsync(proxy.Client);

        new[] { a.Count, b.Count, c.Count }.Should().Equal(10, 10, 10);
    }

    [Fact]
    public async Task Consistent_hashing_on_a_header_keeps_each_user_on_one_endpoint()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var c = await TestBackend.StartAsync("c");
        foreach (var policy in new[] { LoadBalancerPolicy.RingHash, LoadBalancerPolicy.Maglev })
        {
            var address = Net.UniqueLoopback();
            var cluster = Snap.Cluster("backend") with { LoadBalancer = new() { Policy = policy, ConsistentHash = new() { HttpHeaderName = "x-user" } } };
            await using var proxy = await ProxyUnderTest.StartAsync(Snap.Single(address, 8080, [Snap.To("r", "backend")], [cluster], [Snap.Endpoints("backend", a, b, c)]));

            var chosen = new Dictionary<string, HashSet<string>>();
            for (var user = 0; user < 30; user++)
                for (var i = 0; i < 4; i++)
                {
                    var body = await BodyAsync(proxy.Client, configure: r => r.Headers.Add("x-user", $"user-{user}"));
                    if (!chosen.TryGetValue($"user-{user}", out var set))
                        chosen[$"user-{user}"] = set = [];
                    set.Add(body);
                }

            chosen.Values.Should().OnlyContain(s => s.Count == 1, $"{policy} sends one user to one endpoint");
            chosen.Values.Select(s => s.Single()).Distinct().Should().HaveCount(3, $"{policy} spreads users over all endpoints");
        }
    }

    [Fact]
    public async Task Requests_over_the_connection_pool_limits_get_503_with_x_envoy_overloaded()
    {
        await using var slow = await TestBackend.StartAsync("slow");
        var address = Net.UniqueLoopback();
        var cluster = Snap.Cluster("slow") with { ConnectionPool = new() { MaxConnections = 1, MaxPendingRequests = 1 } };
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Single(address, 8080, [Snap.To("r", "slow")], [cluster], [Snap.Endpoints("slow", slow)]));
        using var client = Clients.For(address, 8080);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var r = await client.GetAsync("/delay/1000");
            return (r.StatusCode, Body: await r.Content.ReadAsStringAsync(), Overloaded: r.Headers.TryGetValues("x-envoy-overloaded", out var v) ? v.Single() : null);
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(2);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.Should().HaveCount(4);
        refused.Should().OnlyContain(r => r.Body == "upstream connect error or disconnect/reset before headers. reset reason: overflow" && r.Overloaded == "true");
        (await proxy.Process.Process.WaitForLineAsync(" 503 UO ", TimeSpan.FromSeconds(5))).Should().Contain("\"GET /delay/1000 HTTP/1.1\"");
        (await proxy.Process.AdminGetAsync("/stats")).Should().Contain("cluster.slow.upstream_rq_pending_overflow: 4");
    }

    [Fact]
    public async Task A_failing_endpoint_is_ejected_and_readmitted_after_base_ejection_time_times_ejections()
    {
        await using var good = await TestBackend.StartAsync("good");
        await using var bad = await TestBackend.StartAsync("bad");
        bad.ForcedStatus = 500;
        var address = Net.UniqueLoopback();
        var cluster = Snap.Cluster("svc") with
        {
            OutlierDetection = new() { Consecutive5xxErrors = 2, Interval = TimeSpan.FromMilliseconds(50), BaseEjectionTime = TimeSpan.FromSeconds(1), MaxEjectionPercent = 100 },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Single(address, 8080, [Snap.To("r", "svc")], [cluster], [Snap.Endpoints("svc", good, bad)]));
        var badFlags = $"svc::{bad.Authority}::health_flags::";

        // Round robin alternates: the bad endpoint answers 500 twice, then it is out.
        for (var i = 0; i < 4; i++)
            await BodyAsync(proxy.Client);
        var ejectedAt = Stopwatch.StartNew();
        bad.Count.Should().Be(2);
        (await proxy.Process.AdminGetAsync("/clusters")).Should().Contain(badFlags + "/failed_outlier_check");
        for (var i = 0; i < 10; i++)
            (await BodyAsync(proxy.Client)).Should().Be("good");
        bad.Count.Should().Be(2);

        // It comes back by itself after 1 s (1 x base), not before.
        bad.ForcedStatus = null;
        await WaitForAsync(proxy, badFlags + "healthy", TimeSpan.FromSeconds(3));
        ejectedAt.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
        for (var i = 0; i < 4; i++)
            await BodyAsync(proxy.Client);
        bad.Count.Should().BeGreaterThan(2);

        // Ejected a second time: out for 2 x base.
        bad.ForcedStatus = 500;
        for (var i = 0; i < 6 && !(await proxy.Process.AdminGetAsync("/clusters")).Contains(badFlags + "/failed_outlier_check"); i++)
            await BodyAsync(proxy.Client);
        var second = Stopwatch.StartNew();
        bad.ForcedStatus = null;
        await Task.Delay(1300);
        (await proxy.Process.AdminGetAsync("/clusters")).Should().Contain(badFlags + "/failed_outlier_check", "the second ejection lasts 2 s");
        await WaitForAsync(proxy, badFlags + "healthy", TimeSpan.FromSeconds(3));
        second.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(1900));
        (await proxy.Process.AdminGetAsync("/stats")).Should().Contain("cluster.svc.outlier_detection.ejections_total: 2");
    }

    [Fact]
    public async Task When_every_endpoint_is_ejected_the_answer_is_no_healthy_upstream()
    {
        await using var bad = await TestBackend.StartAsync("bad");
        bad.ForcedStatus = 503;
        var address = Net.UniqueLoopback();
        var cluster = Snap.Cluster("svc") with { OutlierDetection = new() { Consecutive5xxErrors = 1, Interval = TimeSpan.FromSeconds(1), BaseEjectionTime = TimeSpan.FromSeconds(30) } };
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Single(address, 8080, [Snap.To("r", "svc")], [cluster], [Snap.Endpoints("svc", bad)]));

        (await BodyAsync(proxy.Client)).Should().Be("bad forced 503");
        using var response = await proxy.Client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Be("no healthy upstream");
    }

    private static async Task WaitForAsync(ProxyUnderTest proxy, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string clusters;
        while (!(clusters = await proxy.Process.AdminGetAsync("/clusters")).Contains(text))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"/clusters never showed \"{text}\":\n{clusters}");
            await Task.Delay(50);
        }
    }
}
