using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Protocol;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Tests.Protocol;

public sealed class DiscoveryProtocolTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly MutableSnapshotSource _source = new();
    private readonly DiscoveryServer _server;
    private readonly InMemoryTransport _transport;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];

    public DiscoveryProtocolTests()
    {
        _server = new DiscoveryServer(_source, new DiscoveryServerOptions { Debounce = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) }, TimeProvider.System, NullLogger<DiscoveryServer>.Instance);
        _transport = new InMemoryTransport(_server);
    }

    private static NodeInfo Node(string name) => new() { Name = name, Namespace = "default" };

    private (DiscoveryClient Client, RecordingTarget Target) StartClient(string name)
    {
        var target = new RecordingTarget();
        var client = new DiscoveryClient(_transport.ConnectAsync, Node(name), target,
            new DiscoveryClientOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System, NullLogger<DiscoveryClient>.Instance);
        _clients.Add(client.RunAsync(_stop.Token));
        return (client, target);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {Wait}");
            await Task.Delay(10);
        }
    }

    private ProxyStatus Status(string name) => _server.Proxies.Single(p => p.Id == $"{name}.default");

    [Fact]
    public async Task A_proxy_receives_its_snapshot_and_the_server_sees_the_ack()
    {
        _source.SetForAll(Samples.Reviews("7"));

        var (_, target) = StartClient("productpage");

        await Eventually(() => _server.Proxies.Any(p => p.AckedVersion == "7"), "the ACK of version 7");
        target.Applied.Single().Version.Should().Be("7");
        var status = Status("productpage");
        status.Connected.Should().BeTrue();
        status.SentVersion.Should().Be("7");
        status.InSync.Should().BeTrue();
        status.LastNack.Should().BeNull();
    }

    [Fact]
    public async Task A_malformed_snapshot_is_nacked_with_the_reason_and_the_proxy_keeps_its_last_good_one()
    {
        _source.SetForAll(Samples.Reviews("1"));
        var (client, target) = StartClient("productpage");
        await Eventually(() => target.CurrentVersion == "1", "version 1 applied");
        var good = Samples.Reviews("2");
        var r = Samples.FirstRoute(good);

        _source.SetForAll(Samples.WithRoute(good, r with { Forward = r.Forward! with { Clusters = [new WeightedCluster { Name = "nope" }] } }));

        await Eventually(() => Status("productpage").LastNack is not null, "the NACK");
        var nack = Status("productpage").LastNack!;
        nack.Version.Should().Be("2");
        nack.Error.Should().Be("routeConfigurations[outbound].virtualHosts[reviews.default.svc.cluster.local:9080].routes[split].forward.clusters[0].name: names cluster \"nope\", which the snapshot does not define");
        Status("productpage").AckedVersion.Should().Be("1");
        Status("productpage").SentVersion.Should().Be("2");
        Status("productpage").InSync.Should().BeFalse();
        target.CurrentVersion.Should().Be("1");
        client.Status.LastNackError.Should().Be(nack.Error);
    }

    [Fact]
    public async Task A_snapshot_the_proxy_cannot_apply_is_nacked_with_the_proxy_s_reason()
    {
        _source.SetForAll(Samples.Reviews("1"));
        var (_, target) = StartClient("productpage");
        target.RefuseVersion = "2";
        await Eventually(() => target.CurrentVersion == "1", "version 1 applied");

        _source.SetForAll(Samples.Reviews("2") with { Listeners = [Samples.Reviews().Listeners[0] with { Port = 15002 }] });

        await Eventually(() => Status("productpage").LastNack is not null, "the NACK");
        Status("productpage").LastNack!.Error.Should().Be("listeners[x]: cannot bind 127.0.0.1:1: refused by the test");
    }

    [Fact]
    public async Task A_burst_of_changes_is_pushed_once()
    {
        _source.SetForAll(Samples.Reviews("0"));
        var (_, target) = StartClient("productpage");
        await Eventually(() => target.CurrentVersion == "0", "version 0 applied");
        var pushes = _server.PushCount;

        for (var i = 1; i <= 20; i++)
            _source.SetForAll(Samples.WithRoute(Samples.Reviews(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Samples.FirstRoute(Samples.Reviews()) with { Name = $"r{i}" }));

        await Eventually(() => target.CurrentVersion == "20", "version 20 applied");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        (_server.PushCount - pushes).Should().Be(1);
        target.Applied.Select(s => s.Version).Should().Equal("0", "20");
    }

    [Fact]
    public async Task Only_proxies_whose_snapshot_changed_get_a_push()
    {
        _source.Set("a.default", Samples.Reviews("a1"));
        _source.Set("b.default", Samples.Reviews("b1"));
        var (_, a) = StartClient("a");
        var (_, b) = StartClient("b");
        await Eventually(() => a.CurrentVersion == "a1" && b.CurrentVersion == "b1", "both applied");

        _source.Set("a.default", Samples.WithRoute(Samples.Reviews("a2"), Samples.FirstRoute(Samples.Reviews()) with { Name = "changed" }));
        // b's snapshot gets a new version but the same content: nothing to push.
        _source.Set("b.default", Samples.Reviews("b2"));

        await Eventually(() => a.CurrentVersion == "a2", "a2 applied");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        b.Applied.Select(s => s.Version).Should().Equal("b1");
        Status("b").Pushes.Should().Be(1);
        Status("a").Pushes.Should().Be(2);
    }

    [Fact]
    public async Task A_proxy_reconnects_after_the_control_plane_comes_back()
    {
        _source.SetForAll(Samples.Reviews("1"));
        _transport.Down = true;
        var (client, target) = StartClient("productpage");
        await Eventually(() => _transport.Connects >= 3, "three refused connection attempts");
        client.Status.Connected.Should().BeFalse();
        client.Status.LastError.Should().Be("connection refused (the test's control plane is down)");

        _transport.Down = false;

        await Eventually(() => target.CurrentVersion == "1", "version 1 applied after the control plane came back");
        client.Status.Connected.Should().BeTrue();
    }

    [Fact]
    public async Task A_proxy_that_goes_away_is_shown_disconnected()
    {
        _source.SetForAll(Samples.Reviews("1"));
        StartClient("productpage");
        await Eventually(() => _server.Proxies.Any(p => p.AckedVersion == "1"), "the ACK");

        await _stop.CancelAsync();

        await Eventually(() => !Status("productpage").Connected, "the disconnect");
        Status("productpage").DisconnectedAt.Should().NotBeNull();
    }

    [Fact]
    public void Reconnect_waits_double_up_to_the_cap_with_jitter_in_the_upper_half()
    {
        var client = new DiscoveryClient(_transport.ConnectAsync, Node("x"), new RecordingTarget(),
            new DiscoveryClientOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(1000) },
            TimeProvider.System, NullLogger<DiscoveryClient>.Instance);

        for (var i = 0; i < 50; i++)
        {
            client.Backoff(1).TotalMilliseconds.Should().BeInRange(50, 100);
            client.Backoff(3).TotalMilliseconds.Should().BeInRange(200, 400);
            client.Backoff(10).TotalMilliseconds.Should().BeInRange(500, 1000);
        }
        Enumerable.Range(0, 50).Select(_ => client.Backoff(3)).Distinct().Count().Should().BeGreaterThan(10, "waits are jittered");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        _server.Dispose();
        _stop.Dispose();
    }
}
