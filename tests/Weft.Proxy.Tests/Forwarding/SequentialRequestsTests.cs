using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Weft.Identity.Ca;
using Weft.Proxy.Tests.Security;

namespace Weft.Proxy.Tests.Forwarding;

/// <summary>
/// One keep-alive HTTP/1.1 connection carrying 1 KiB POSTs one after another through a sidecar
/// pair with mutual TLS, as the latency benchmark's single-connection case does (issue 9). A
/// stall per request (Nagle against delayed ACK, ~40 ms; a flush missing until a timer; an
/// Expect: 100-continue wait, 1 s; a connection set up per request) multiplies by the count, so
/// the bounds are generous for a loaded machine (~10 ms a request) and still far below any stall.
/// </summary>
public class SequentialRequestsTests
{
    private const int Requests = 200;
    private static readonly byte[] Body = CreateBody(1024);
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_sequential_1_KiB_POSTs_over_one_connection_through_an_mTLS_sidecar_pair_take_no_stall_each()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()));
        var (elapsed, connections) = await PostSequentiallyAsync(mesh, "/echo", expectContinue: false);
        connections.Should().Be(1, "every request reuses the one keep-alive connection");
        mesh.App.Count.Should().Be(Requests + 1);
        mesh.App.Requests.Skip(1).Should().OnlyContain(r => r.Body.Length == Body.Length);
        // 20 s is 100 ms a request: ten times what a loaded two-core machine takes, and less than
        // half of what a 40 ms delayed-ACK stall per request plus the work would take.
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Sequential_POSTs_with_Expect_100_continue_to_an_app_that_answers_before_reading_do_not_wait_for_a_100_that_never_comes()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()));
        // /stream: the test app answers without reading the body, as the bench backend does.
        var (elapsed, connections) = await PostSequentiallyAsync(mesh, "/stream/quote", expectContinue: true);
        connections.Should().Be(1);
        mesh.App.Count.Should().Be(Requests + 1);
        mesh.App.Requests.Skip(1).Should().OnlyContain(r => r.Headers["expect"] == "100-continue", "the header is forwarded end to end");
        // A hop waiting for a 100 that never comes waits SocketsHttpHandler's 1 s: 200 s in all.
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    private static async Task<(TimeSpan Elapsed, int Connections)> PostSequentiallyAsync(MeshPair mesh, string path, bool expectContinue)
    {
        var connections = 0;
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = mesh.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // The first request pays for the connections and the JIT; it is not timed.
        await PostAsync(client, path, expectContinue);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
            await PostAsync(client, path, expectContinue);
        return (clock.Elapsed, connections);
    }

    private static async Task PostAsync(HttpClient client, string path, bool expectContinue)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Body) };
        request.Headers.ExpectContinue = expectContinue;
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
    }

    private static byte[] CreateBody(int bytes)
    {
        var body = new byte[bytes];
        Array.Fill(body, (byte)'x');
        return body;
    }
}
