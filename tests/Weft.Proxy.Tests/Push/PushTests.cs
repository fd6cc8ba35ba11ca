using System.Net;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Push;

public sealed class PushTests
{
    private static async Task<ProxyProcess> StartProxyAsync(DiscoveryHost cp, TempDir data, string name = "productpage-v1", bool waitReady = true)
        => await ProxyProcess.StartAsync(
            ["--discovery-address", cp.Url, "--name", name, "--namespace", "default", "--labels", "app=productpage,version=v1",
             "--data-dir", data.Path, "--reconnect-initial-ms", "100", "--reconnect-max-ms", "500", "--drain-seconds", "1"],
            waitReady: waitReady, timeout: TimeSpan.FromSeconds(40));

    private static ProxySnapshot Split(string address, TestBackend v1, TestBackend v2, int w1, int w2, string version)
        => Snap.Single(address, 9080, [Snap.Split("reviews", ("v1", w1), ("v2", w2))],
            [Snap.Cluster("v1"), Snap.Cluster("v2")], [Snap.Endpoints("v1", v1), Snap.Endpoints("v2", v2)], version);

    [Fact]
    public async Task A_90_10_split_then_a_20_80_split_pushed_live_hold_within_tolerance()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        cp.Source.SetForAll(Split(address, v1, v2, 90, 10, "split-90-10"));
        await using var proxy = await StartProxyAsync(cp, data);
        using var client = Clients.For(address, 9080);

        var first = await CountAsync(client, 2000);
        cp.Source.SetForAll(Split(address, v1, v2, 20, 80, "split-20-80"));
        await cp.WaitForAsync(s => s.Proxies.Any(p => p.AckedVersion == "split-20-80"), "the ACK of the 20/80 split");
        var second = await CountAsync(client, 2000);

        // 2000 draws: the standard deviation of a 10% share is 0.67 points; 3 points is over 4 sigma.
        first["v1"].Should().BeInRange(1740, 1860);
        first["v2"].Should().BeInRange(140, 260);
        second["v1"].Should().BeInRange(340, 460);
        second["v2"].Should().BeInRange(1540, 1660);
    }

    private static async Task<Dictionary<string, int>> CountAsync(HttpClient client, int n)
    {
        var counts = new Dictionary<string, int> { ["v1"] = 0, ["v2"] = 0 };
        var gate = new SemaphoreSlim(8);
        var tasks = Enumerable.Range(0, n).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var body = await client.GetStringAsync("/");
                lock (counts)
                    counts[body]++;
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return counts;
    }

    [Fact]
    public async Task A_malformed_snapshot_is_nacked_and_the_proxy_keeps_serving()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        cp.Source.SetForAll(Split(address, v1, v2, 100, 0, "good"));
        await using var proxy = await StartProxyAsync(cp, data);
        using var client = Clients.For(address, 9080);
        (await client.GetStringAsync("/")).Should().Be("v1");

        var bad = Split(address, v1, v2, 100, 0, "bad");
        bad = bad with { RouteConfigurations = [bad.RouteConfigurations[0] with { VirtualHosts = [bad.RouteConfigurations[0].VirtualHosts[0] with { Routes = [Snap.To("broken", "v1", new RouteMatch { Path = StringMatch.ForRegex("/(unclosed") })] }] }] };
        cp.Source.SetForAll(bad);

        await cp.WaitForAsync(s => s.Proxies.Any(p => p.LastNack is not null), "the NACK");
        var status = cp.Status("productpage-v1.default")!;
        status.LastNack!.Version.Should().Be("bad");
        status.LastNack.Error.Should().StartWith("routeConfigurations[routes].virtualHosts[*].routes[broken].match.path.regex: \"/(unclosed\" does not compile: ");
        status.AckedVersion.Should().Be("good");
        status.SentVersion.Should().Be("bad");
        (await client.GetStringAsync("/")).Should().Be("v1");
        var dump = await proxy.AdminGetAsync("/config_dump");
        dump.Should().Contain("\"version\": \"good\"");
        dump.Should().Contain("\"lastNackedVersion\": \"bad\"");
    }

    [Fact]
    public async Task A_listener_that_cannot_bind_is_nacked_with_the_reason()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        var good = Snap.Forwarding(address, 9080, v1) with { Version = "good" };
        cp.Source.SetForAll(good);
        await using var proxy = await StartProxyAsync(cp, data);
        // The backend already holds its own address and port: a listener there cannot bind.
        cp.Source.SetForAll(good with { Version = "clash", Listeners = [.. good.Listeners, Snap.Http(v1.Address, v1.Port, name: "clash")] });

        await cp.WaitForAsync(s => s.Proxies.Any(p => p.LastNack is not null), "the NACK");

        cp.Status("productpage-v1.default")!.LastNack!.Error.Should().StartWith($"listeners[clash-{v1.Port}]: cannot bind {v1.Address}:{v1.Port}: ");
        using var client = Clients.For(address, 9080);
        (await client.GetStringAsync("/")).Should().Be("v1");
    }

    [Fact]
    public async Task A_proxy_restarted_while_the_control_plane_is_down_serves_its_saved_snapshot()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        cp.Source.SetForAll(Snap.Forwarding(address, 9080, v1) with { Version = "saved" });
        await using (var first = await StartProxyAsync(cp, data))
        {
            await cp.WaitForAsync(s => s.Proxies.Any(p => p.AckedVersion == "saved"), "the ACK");
        }
        File.Exists(Path.Combine(data.Path, "last-good-snapshot.json")).Should().BeTrue();
        await cp.StopAsync();

        await using var second = await StartProxyAsync(cp, data);
        using var client = Clients.For(address, 9080);

        (await client.GetStringAsync("/")).Should().Be("v1");
        second.Output.Should().Contain("Serving the saved snapshot saved from ");
        var dump = await second.AdminGetAsync("/config_dump");
        dump.Should().Contain("\"connected\": false");

        // When the control plane is back, the proxy connects and takes its current config.
        cp.Source.SetForAll(Snap.Forwarding(address, 9080, v1) with { Version = "after-restart", Listeners = [Snap.Http(address, 9080, name: "renamed")] });
        await cp.StartAsync();
        try
        {
            await cp.WaitForAsync(s => s.Proxies.Any(p => p.AckedVersion == "after-restart" && p.Connected), "the ACK after the control plane came back");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nproxy output:\n" + second.Output, e);
        }
        (await client.GetStringAsync("/")).Should().Be("v1");
    }

    [Fact]
    public async Task The_proxy_keeps_serving_when_the_control_plane_goes_down()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        cp.Source.SetForAll(Snap.Forwarding(address, 9080, v1));
        await using var proxy = await StartProxyAsync(cp, data);
        using var client = Clients.For(address, 9080);

        await cp.StopAsync();
        await Task.Delay(300);

        for (var i = 0; i < 20; i++)
            (await client.GetStringAsync("/")).Should().Be("v1");
    }

    [Fact]
    public async Task A_config_change_while_200_requests_per_second_flow_loses_no_request()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        cp.Source.SetForAll(Split(address, v1, v2, 100, 0, "to-v1"));
        await using var proxy = await StartProxyAsync(cp, data);
        using var client = Clients.For(address, 9080);

        // 200 rps for 3 s (600 requests, paced), with three config changes in the middle.
        var failures = new List<string>();
        var seen = new HashSet<string>();
        var load = Task.Run(async () =>
        {
            var tasks = new List<Task>();
            var start = DateTime.UtcNow;
            for (var i = 0; i < 600; i++)
            {
                var due = start + TimeSpan.FromMilliseconds(i * 5);
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var r = await client.GetAsync("/");
                        var body = await r.Content.ReadAsStringAsync();
                        lock (failures)
                        {
                            if (r.StatusCode != HttpStatusCode.OK)
                                failures.Add($"{(int)r.StatusCode} {body}");
                            seen.Add(body);
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        lock (failures)
                            failures.Add(e.Message);
                    }
                }));
            }
            await Task.WhenAll(tasks);
        });
        await Task.Delay(700);
        cp.Source.SetForAll(Split(address, v1, v2, 50, 50, "half"));
        await Task.Delay(700);
        cp.Source.SetForAll(Split(address, v1, v2, 0, 100, "to-v2") with { Clusters = [Snap.Cluster("v2"), Snap.Cluster("v1") with { ConnectionPool = new() { MaxConnections = 100 } }] });
        await Task.Delay(700);
        cp.Source.SetForAll(Split(address, v1, v2, 100, 0, "back"));
        await load;

        failures.Should().BeEmpty();
        seen.Should().BeEquivalentTo(["v1", "v2"]);
        cp.Status("productpage-v1.default")!.AckedVersion.Should().Be("back");
    }

    [Fact]
    public async Task A_request_in_flight_finishes_on_its_snapshot_when_a_new_one_removes_its_cluster()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var v2 = await TestBackend.StartAsync("v2");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        cp.Source.SetForAll(Snap.Single(address, 9080, [Snap.To("r", "old")], [Snap.Cluster("old")], [Snap.Endpoints("old", v1)], "old"));
        await using var proxy = await StartProxyAsync(cp, data);
        using var client = Clients.For(address, 9080);
        var slow = client.GetAsync("/delay/800");
        for (var i = 0; i < 200 && v1.Count == 0; i++)
            await Task.Delay(10);
        v1.Count.Should().Be(1, "the slow request is at the old backend before the push");

        cp.Source.SetForAll(Snap.Single(address, 9080, [Snap.To("r", "new")], [Snap.Cluster("new")], [Snap.Endpoints("new", v2)], "new"));
        await cp.WaitForAsync(s => s.Proxies.Any(p => p.AckedVersion == "new"), "the ACK of the new snapshot");

        (await client.GetStringAsync("/")).Should().Be("v2");
        using var response = await slow;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("v1");
    }

    [Fact]
    public async Task Listeners_are_reconciled_new_ones_open_removed_ones_close_unchanged_ones_stay()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        await using var cp = await DiscoveryHost.StartNewAsync();
        using var data = new TempDir("weft-push");
        var address = Net.UniqueLoopback();
        var first = Snap.Forwarding(address, 9080, v1) with { Version = "one", Listeners = [Snap.Http(address, 9080), Snap.Http(address, 9081, name: "old")] };
        cp.Source.SetForAll(first);
        await using var proxy = await StartProxyAsync(cp, data);
        using var keep = Clients.For(address, 9080);
        using var removed = Clients.For(address, 9081);
        using var added = Clients.For(address, 9082);
        (await keep.GetStringAsync("/")).Should().Be("v1");
        (await removed.GetStringAsync("/")).Should().Be("v1");

        cp.Source.SetForAll(first with { Version = "two", Listeners = [Snap.Http(address, 9080), Snap.Http(address, 9082, name: "new")] });
        await cp.WaitForAsync(s => s.Proxies.Any(p => p.AckedVersion == "two"), "the ACK of version two");

        (await keep.GetStringAsync("/")).Should().Be("v1");
        (await added.GetStringAsync("/")).Should().Be("v1");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var c = new System.Net.Sockets.TcpClient();
                await c.ConnectAsync(address, 9081);
            }
            catch (System.Net.Sockets.SocketException)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the removed listener still accepts connections");
            await Task.Delay(50);
        }
        proxy.Output.Should().Contain($"Draining and closing {address}:9081: its listener left the snapshot");
    }
}
