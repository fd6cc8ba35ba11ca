using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Listeners;

public sealed class L4AndUpgradeTests
{
    private static Cluster Tcp(string name) => new() { Name = name, Protocol = UpstreamProtocol.Tcp, LoadBalancer = new() { Policy = LoadBalancerPolicy.RoundRobin } };

    private static ClusterLoadAssignment Eps(string cluster, TcpEchoServer s) => new() { ClusterName = cluster, Endpoints = [new LbEndpoint { Address = s.Address, Port = s.Port }] };

    private static async Task<string> ReadAtLeastAsync(Stream s, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (read < count)
        {
            var n = await s.ReadAsync(buffer.AsMemory(read), cts.Token);
            if (n == 0)
                break;
            read += n;
        }
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    [Fact]
    public async Task A_tcp_service_is_proxied_at_l4_and_its_bytes_are_counted()
    {
        await using var db = new TcpEchoServer("mysql");
        var address = Net.UniqueLoopback();
        var snapshot = new ProxySnapshot
        {
            Version = "tcp",
            Listeners = [new Listener { Name = "tcp-3306", Address = address, Port = 3306, FilterChains = [new FilterChain { Name = "mysql", Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "outbound|3306||mysql" }] } }] }],
            Clusters = [Tcp("outbound|3306||mysql")],
            Endpoints = [Eps("outbound|3306||mysql", db)],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(address, 3306);
            var stream = client.GetStream();
            // Server-first protocols work: the greeting arrives before the client says anything.
            (await ReadAtLeastAsync(stream, 6)).Should().Be("mysql:");
            await stream.WriteAsync(Encoding.ASCII.GetBytes("hello"));
            (await ReadAtLeastAsync(stream, 5)).Should().Be("hello");
            client.Client.Shutdown(SocketShutdown.Send);
            (await ReadAtLeastAsync(stream, 1)).Should().BeEmpty();
        }

        var line = await proxy.Process.Process.WaitForLineAsync("outbound|3306||mysql", TimeSpan.FromSeconds(5));
        line.Should().Contain("\"- - -\" 0 - - - \"-\" 5 11 ");
        line.Should().Contain($"\"{db.Address}:{db.Port}\" outbound|3306||mysql");
        (await proxy.Process.AdminGetAsync("/stats")).Should().Contain("tcp.bytes_received: 5");
    }

    [Fact]
    public async Task An_idle_tcp_connection_is_closed_after_the_idle_timeout()
    {
        await using var db = new TcpEchoServer("db");
        var address = Net.UniqueLoopback();
        var snapshot = new ProxySnapshot
        {
            Version = "idle",
            Listeners = [new Listener { Name = "tcp", Address = address, Port = 5432, FilterChains = [new FilterChain { Name = "db", Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "db" }], IdleTimeout = TimeSpan.FromMilliseconds(400) } }] }],
            Clusters = [Tcp("db")],
            Endpoints = [Eps("db", db)],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using var client = new TcpClient();
        await client.ConnectAsync(address, 5432);
        var stream = client.GetStream();
        (await ReadAtLeastAsync(stream, 3)).Should().Be("db:");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        string rest;
        try
        {
            rest = await ReadAtLeastAsync(stream, 1);
        }
        catch (IOException)
        {
            rest = "";   // closed with a reset rather than a FIN: closed all the same
        }
        rest.Should().BeEmpty("the proxy closes the idle connection");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(300)).And.BeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Connect_tunnels_reach_tcp_services_by_host_and_port_through_the_outbound_listener()
    {
        await using var db = new TcpEchoServer("db");
        var address = Net.UniqueLoopback();
        var snapshot = new ProxySnapshot
        {
            Version = "connect",
            Listeners =
            [
                new Listener
                {
                    Name = "virtualOutbound",
                    Address = address,
                    Port = 15001,
                    HttpProxy = true,
                    FilterChains =
                    [
                        new FilterChain { Name = "db", Match = new() { DestinationPort = 5432, DestinationHosts = ["db.data.svc.cluster.local"] }, Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "outbound|5432||db" }] } },
                        new FilterChain { Name = "http", Http = new HttpConnectionManager { RouteConfigName = "outbound" } },
                    ],
                },
            ],
            RouteConfigurations = [new RouteConfiguration { Name = "outbound" }],
            Clusters = [Tcp("outbound|5432||db")],
            Endpoints = [Eps("outbound|5432||db", db)],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using var client = new TcpClient();
        await client.ConnectAsync(address, 15001);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT db.data.svc.cluster.local:5432 HTTP/1.1\r\nHost: db.data.svc.cluster.local:5432\r\n\r\n"));
        (await ReadAtLeastAsync(stream, 19)).Should().Be("HTTP/1.1 200 OK\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes("ping"));

        (await ReadAtLeastAsync(stream, 7)).Should().Be("db:ping");
    }

    [Fact]
    public async Task Tls_connections_are_routed_by_sni_without_terminating_them()
    {
        await using var a = new TcpEchoServer("a");
        await using var b = new TcpEchoServer("b");
        var address = Net.UniqueLoopback();
        var snapshot = new ProxySnapshot
        {
            Version = "sni",
            Listeners =
            [
                new Listener
                {
                    Name = "tls-443",
                    Address = address,
                    Port = 443,
                    FilterChains =
                    [
                        new FilterChain { Name = "a", Match = new() { ServerNames = ["a.example.com"], TransportProtocol = "tls" }, Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "a" }] } },
                        new FilterChain { Name = "b", Match = new() { ServerNames = ["*.b.example.com"], TransportProtocol = "tls" }, Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "b" }] } },
                    ],
                },
            ],
            Clusters = [Tcp("a"), Tcp("b")],
            Endpoints = [Eps("a", a), Eps("b", b)],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);

        await HandshakeAsync(address, "a.example.com");
        await HandshakeAsync(address, "x.b.example.com");

        a.Received.Should().BeGreaterThan(0);
        b.Received.Should().BeGreaterThan(0);
        a.Connections.Should().Be(1);
        b.Connections.Should().Be(1);
    }

    [Fact]
    public async Task A_connect_tunnel_carrying_tls_is_routed_by_its_sni()
    {
        await using var a = new TcpEchoServer("a");
        await using var other = new TcpEchoServer("other");
        var address = Net.UniqueLoopback();
        var snapshot = new ProxySnapshot
        {
            Version = "connect-sni",
            Listeners =
            [
                new Listener
                {
                    Name = "virtualOutbound",
                    Address = address,
                    Port = 15001,
                    HttpProxy = true,
                    FilterChains =
                    [
                        new FilterChain { Name = "a", Match = new() { DestinationPort = 443, ServerNames = ["a.example.com"], TransportProtocol = "tls" }, Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "a" }] } },
                        new FilterChain { Name = "other", Match = new() { DestinationPort = 443 }, Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "other" }] } },
                    ],
                },
            ],
            Clusters = [Tcp("a"), Tcp("other")],
            Endpoints = [Eps("a", a), Eps("other", other)],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);
        using var client = new TcpClient();
        await client.ConnectAsync(address, 15001);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT a.example.com:443 HTTP/1.1\r\nHost: a.example.com:443\r\n\r\n"));
        (await ReadAtLeastAsync(stream, 19)).Should().Be("HTTP/1.1 200 OK\r\n\r\n");

        await HandshakeAsync(stream, "a.example.com");

        a.Received.Should().BeGreaterThan(0);
        other.Connections.Should().Be(0);
    }

    private static async Task HandshakeAsync(string address, string sni)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address, 443);
        await HandshakeAsync(client.GetStream(), sni);
    }

    private static async Task HandshakeAsync(Stream stream, string sni)
    {
        using var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        // The echo server is no TLS server: the handshake fails, but only after the proxy routed the ClientHello.
        var act = () => ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni }, cts.Token);
        await act.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task A_websocket_upgrade_passes_through_and_frames_flow_both_ways()
    {
        await using var ws = await TestBackend.StartAsync("ws", async ctx =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            while (true)
            {
                var r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(buffer, 0, r.Count)), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }, useWebSockets: true);
        var address = Net.UniqueLoopback();
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(address, 8080, ws));
        using var client = new ClientWebSocket();

        await client.ConnectAsync(new Uri($"ws://{address}:8080/socket"), CancellationToken.None);
        await client.SendAsync(Encoding.UTF8.GetBytes("hi"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[100];
        var received = await client.ReceiveAsync(buffer, CancellationToken.None);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        Encoding.UTF8.GetString(buffer, 0, received.Count).Should().Be("echo:hi");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Expect_100_continue_is_honoured_end_to_end()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = new StringContent(new string('z', 200_000)) };
        request.Headers.ExpectContinue = true;

        using var response = await proxy.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Length.Should().Be(200_000);
        backend.Requests.Single().Headers["expect"].Should().Be("100-continue");
    }
}
