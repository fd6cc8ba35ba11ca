using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Admin;

public sealed class AdminAndDrainTests
{
    [Fact]
    public async Task The_admin_root_lists_every_endpoint_and_mutating_ones_refuse_GET()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));

        var help = await proxy.Process.AdminGetAsync("/");
        using var getQuit = await proxy.Process.Admin.GetAsync("quitquitquit");

        foreach (var path in new[] { "/config_dump", "/clusters", "/ready", "/stats", "/memory", "/logging", "/drain_listeners (POST)", "/quitquitquit (POST)" })
            help.Should().Contain("  " + path + ": ");
        getQuit.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await getQuit.Content.ReadAsStringAsync()).Should().Be("/quitquitquit changes the proxy: use POST\n");
        proxy.Process.Process.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task Ready_stats_clusters_and_config_dump_show_the_live_state()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(address, 8080, backend));
        (await proxy.Client.GetStringAsync("/")).Should().Be("b");

        (await proxy.Process.AdminGetAsync("/ready")).Should().Be("LIVE\n");
        var stats = await proxy.Process.AdminGetAsync("/stats");
        stats.Should().Contain("http.downstream_rq_total: 1\n");
        stats.Should().Contain("http.downstream_rq_2xx: 1\n");
        stats.Should().Contain("cluster.backend.upstream_rq_total: 1\n");
        var clusters = await proxy.Process.AdminGetAsync("/clusters");
        clusters.Should().Contain($"backend::{backend.Authority}::health_flags::healthy\n");
        clusters.Should().Contain($"backend::{backend.Authority}::rq_total::1\n");
        using var dump = JsonDocument.Parse(await proxy.Process.AdminGetAsync("/config_dump"));
        dump.RootElement.GetProperty("version").GetString().Should().Be("v1");
        dump.RootElement.GetProperty("snapshot").GetProperty("listeners")[0].GetProperty("address").GetString().Should().Be(address);
        using var part = JsonDocument.Parse(await proxy.Process.AdminGetAsync("/config_dump?resource=clusters"));
        part.RootElement[0].GetProperty("name").GetString().Should().Be("backend");
    }

    [Fact]
    public async Task Memory_splits_the_resident_set_and_shows_the_gc_heap_and_the_runtime_settings_weft_proxy_is_built_with()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));
        (await proxy.Client.GetStringAsync("/")).Should().Be("b");

        using var memory = JsonDocument.Parse(await proxy.Process.AdminGetAsync("/memory"));
        var root = memory.RootElement;
        var rss = root.GetProperty("rss_bytes").GetInt64();
        rss.Should().BePositive();
        // One read of /proc/self/status: the kernel's RSS is exactly its three kinds.
        (root.GetProperty("rss_anonymous_bytes").GetInt64() + root.GetProperty("rss_file_bytes").GetInt64() + root.GetProperty("rss_shared_bytes").GetInt64())
            .Should().Be(rss);
        var gc = root.GetProperty("gc");
        gc.GetProperty("mode").GetString().Should().Be("workstation");
        gc.GetProperty("in_use_bytes").GetInt64().Should().BePositive();
        // The csproj's runtime settings reached weft-proxy.runtimeconfig.json and the runtime read them.
        gc.GetProperty("configuration").GetProperty("GCGen0MaxBudget").GetString().Should().Be("4194304");
        root.GetProperty("thread_pool").GetProperty("unfair_semaphore_spin_limit").GetString().Should().Be("0");
        root.GetProperty("jit").GetProperty("compiled_methods").GetInt32().Should().BePositive();
    }

    [Fact]
    public async Task The_log_level_changes_at_run_time_and_a_bad_level_is_refused_with_the_reason()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));

        using var ok = await proxy.Process.Admin.PostAsync("logging?level=debug", null);
        using var bad = await proxy.Process.Admin.PostAsync("logging?level=loud", null);

        (await ok.Content.ReadAsStringAsync()).Should().Be("active level: Debug\n");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Be("cannot parse 'loud' for parameter 'level': expected trace, debug, information, warning or error\n");
        (await proxy.Process.AdminGetAsync("/logging")).Should().Be("active level: Debug\n");
    }

    [Fact]
    public async Task Shutdown_stops_accepting_drains_in_flight_requests_and_exits()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(address, 8080, backend), "--drain-seconds", "5");
        var slow = proxy.Client.GetAsync("/delay/3000");
        for (var i = 0; i < 500 && backend.Count == 0; i++)
            await Task.Delay(10);

        proxy.Process.Process.Terminate();
        // The listener closes once the proxy has handled SIGTERM: poll for it (a loaded machine
        // takes its time) while the slow request is still being served.
        var refusedWhileDraining = false;
        for (var deadline = DateTime.UtcNow.AddSeconds(5); DateTime.UtcNow < deadline && !refusedWhileDraining;)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(address, 8080);
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                refusedWhileDraining = !slow.IsCompleted;
            }
        }

        refusedWhileDraining.Should().BeTrue("new connections are refused while the in-flight request drains");
        using var response = await slow;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("b");
        (await proxy.Process.Process.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().Be(0);
        proxy.Output.Should().Contain("Shutting down: stopped accepting, draining for up to 5 s");
    }

    [Fact]
    public async Task Quitquitquit_drains_and_exits()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));

        using var response = await proxy.Process.Admin.PostAsync("quitquitquit", null);

        (await response.Content.ReadAsStringAsync()).Should().Be("OK\n");
        (await proxy.Process.Process.WaitForExitAsync(TimeSpan.FromSeconds(10))).Should().Be(0);
    }

    [Fact]
    public async Task Drain_listeners_stops_accepting_and_ready_turns_to_draining()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(address, 8080, backend));

        using var response = await proxy.Process.Admin.PostAsync("drain_listeners", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var ready = await proxy.Process.Admin.GetAsync("ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("DRAINING\n");
        var connect = async () =>
        {
            using var c = new TcpClient();
            await c.ConnectAsync(address, 8080);
        };
        await connect.Should().ThrowAsync<SocketException>();
    }

    [Fact]
    public async Task The_access_log_can_be_written_as_json()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend), "--access-log-format", "json");

        (await proxy.Client.GetStringAsync("/json-please")).Should().Be("b");

        var line = await proxy.Process.Process.WaitForLineAsync("\"path\":\"/json-please\"", TimeSpan.FromSeconds(5));
        using var entry = JsonDocument.Parse(line);
        entry.RootElement.GetProperty("response_code").GetInt32().Should().Be(200);
        entry.RootElement.GetProperty("response_flags").ValueKind.Should().Be(JsonValueKind.Null);
        entry.RootElement.GetProperty("upstream_cluster").GetString().Should().Be("backend");
        entry.RootElement.GetProperty("route_name").GetString().Should().Be("all");
    }

    [Fact]
    public async Task Every_bad_option_is_reported_at_once()
    {
        var result = await Run.CommandAsync(Repo.Binary("Weft.Proxy", "weft-proxy"), ["--mode", "mesh", "--drain-seconds", "soon", "--bogus", "x"], timeout: TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Contain("weft-proxy: unknown option '--bogus'\n");
        result.StdErr.Should().Contain("weft-proxy: cannot parse 'mesh' for option '--mode': expected sidecar or gateway\n");
        result.StdErr.Should().Contain("weft-proxy: cannot parse 'soon' for option '--drain-seconds': expected a number of seconds, 0 or more\n");
        result.StdErr.Should().Contain("weft-proxy: one of '--discovery-address' or '--snapshot-file' is required\n");
    }
}
