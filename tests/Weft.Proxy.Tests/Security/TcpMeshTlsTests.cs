using System.Net.Sockets;
using System.Text;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using Weft.Identity.Ca;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// TCP between sidecars with auto mTLS, real processes: the client sidecar's tcp_proxy wraps the
/// connection in mesh TLS with its workload certificate, and the server sidecar (PeerAuthentication
/// STRICT, an ALLOW policy naming the client's principal) terminates it and relays to a TCP echo
/// application; a plaintext client is refused.
/// </summary>
public sealed class TcpMeshTlsTests
{
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    private static Cluster Tcp(string name, UpstreamTlsSettings? tls = null) => new() { Name = name, Protocol = UpstreamProtocol.Tcp, LoadBalancer = new() { Policy = LoadBalancerPolicy.RoundRobin }, Tls = tls };

    private static Listener TcpListener(string address, int port, string cluster, TrafficDirection direction) => new()
    {
        Name = $"{address}_{port}",
        Address = address,
        Port = port,
        Direction = direction,
        FilterChains = [new FilterChain { Name = cluster, Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = cluster }] } }],
    };

    /// <summary>Up to <paramref name="count"/> bytes, fewer when the peer closes or the wait (15 s unless given) passes.</summary>
    private static async Task<string> ReadAsync(NetworkStream s, int count, TimeSpan? wait = null)
    {
        var buffer = new byte[count];
        var read = 0;
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(15));
        try
        {
            while (read < count)
            {
                var n = await s.ReadAsync(buffer.AsMemory(read), cts.Token);
                if (n == 0)
                    break;
                read += n;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    [Fact]
    public async Task A_TCP_connection_between_sidecars_is_mutual_TLS_that_STRICT_and_a_principal_policy_accept()
    {
        await using var db = new TcpEchoServer("db");
        using var dir = new TempDir("weft-tcp-mtls");
        var serverAddress = Net.UniqueLoopback();
        var clientAddress = Net.UniqueLoopback();
        const string Outbound = "outbound|5432||db.travel-agency.svc.cluster.local";
        var server = new ProxySnapshot
        {
            Version = "s1",
            Listeners = [TcpListener(serverAddress, 5432, "inbound|5432||", TrafficDirection.Inbound)],
            Clusters = [Tcp("inbound|5432||")],
            Endpoints = [new ClusterLoadAssignment { ClusterName = "inbound|5432||", Endpoints = [new LbEndpoint { Address = db.Address, Port = db.Port }] }],
            Security = new SecurityConfig
            {
                PeerAuthentication = new PeerAuthenticationConfig { Mode = MtlsMode.Strict },
                AuthorizationPolicies = [new AuthorizationPolicy
                {
                    Name = "allow-portal",
                    Namespace = "travel-agency",
                    Rules = [new AuthorizationRule { From = [new AuthorizationSource { Principals = ["cluster.local/ns/travel-portal/sa/travels"] }] }],
                }],
            },
        };
        var client = new ProxySnapshot
        {
            Version = "c1",
            Listeners = [TcpListener(clientAddress, 5432, Outbound, TrafficDirection.Outbound)],
            Clusters = [Tcp(Outbound, MeshPair.IstioMutual(MeshPair.Travels.ToString()))],
            Endpoints = [new ClusterLoadAssignment
            {
                ClusterName = Outbound,
                Endpoints = [new LbEndpoint { Address = serverAddress, Port = 5432, Identity = MeshPair.Travels.ToString(), TlsMode = "istio" }],
            }],
        };
        await using var serverProxy = await MeshPair.StartProxyAsync(dir, "server", server, _ca, MeshPair.Travels);
        await using var clientProxy = await MeshPair.StartProxyAsync(dir, "client", client, _ca, MeshPair.Portal);

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(clientAddress, 5432);
            var stream = tcp.GetStream();
            // A client-first protocol: the server sidecar learns what the decrypted connection carries from its first bytes.
            await stream.WriteAsync(Encoding.ASCII.GetBytes("hello over mesh tls"));
            var answer = await ReadAsync(stream, 22);
            answer.Should().Be("db:hello over mesh tls", $"the application's greeting and echo come back through both sidecars\nclient:\n{clientProxy.Output}\nserver:\n{serverProxy.Output}");
        }

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(clientAddress, 5432);
            // A server-first protocol (MySQL, SMTP): the client sends nothing until the greeting
            // arrives, so the server sidecar must relay without waiting for the client's first bytes
            // (its sniff would hold the greeting back 15 s).
            var greeting = await ReadAsync(tcp.GetStream(), 3, TimeSpan.FromSeconds(10));
            greeting.Should().Be("db:", $"the application's greeting reaches a client that has sent nothing\nclient:\n{clientProxy.Output}\nserver:\n{serverProxy.Output}");
        }

        using (var plain = new TcpClient())
        {
            await plain.ConnectAsync(serverAddress, 5432);
            var stream = plain.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("plaintext"));
            (await ReadAsync(stream, 3)).Should().BeEmpty("STRICT closes a plaintext connection before the application sees it");
        }
        db.Connections.Should().Be(2);
    }
}
