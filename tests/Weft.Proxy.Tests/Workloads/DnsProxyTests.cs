using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Clusters;
using Weft.Discovery.Snapshot;
using Weft.Proxy.MeshDns;
using Weft.Proxy.Transparent;
using Weft.Testing;

namespace Weft.Proxy.Tests.Workloads;

/// <summary>
/// The sidecar's DNS proxy over real UDP and TCP sockets: mesh names (every form a pod may use)
/// get the service's mesh address, unknown cluster-local names NXDOMAIN, other names the
/// upstream resolver's answer (a real UDP server here), and an address maps back to its host.
/// </summary>
public sealed class DnsProxyTests
{
    private static ProxySnapshot Snapshot(params string[] hosts) => new()
    {
        Version = "1",
        Clusters = [.. hosts.Select(h => new Cluster { Name = $"outbound|8000||{h}", ServiceName = h, Port = 8000 }),
            new Cluster { Name = "PassthroughCluster", Type = ClusterType.OriginalDestination }],
    };

    [Fact]
    public async Task Every_name_a_pod_may_use_for_a_service_resolves_to_one_mesh_address_over_udp_and_tcp()
    {
        var addresses = new ServiceAddresses("shop");
        addresses.Update(Snapshot("cars.shop.svc.cluster.local", "hotels.other.svc.cluster.local", "api.example.com"));
        var at = new IPEndPoint(IPAddress.Parse(Net.UniqueLoopback()), 0);
        await using var dns = DnsProxy.Start(addresses, NullLogger.Instance, "/nonexistent", at);
        var port = dns.Port;

        string[] carsNames = ["cars", "cars.shop", "cars.shop.svc", "cars.shop.svc.cluster.local", "CARS.shop."];
        var cars = await UdpAsync(at.Address, port, "cars.shop.svc.cluster.local", DnsMessage.TypeA);
        cars.Rcode.Should().Be(DnsMessage.NoError);
        cars.Addresses.Should().ContainSingle().Which.ToString().Should().StartWith("240.240.", "a host weftd gave no address gets one the proxy picks from Istio's 240.240.0.0/16 (from the top down, clear of weftd's)");
        foreach (var name in carsNames)
            (await UdpAsync(at.Address, port, name, DnsMessage.TypeA)).Addresses.Should().Equal(cars.Addresses);
        (await TcpAsync(at.Address, port, "cars.shop", DnsMessage.TypeA)).Addresses.Should().Equal(cars.Addresses);

        // Short names only in the proxy's own namespace; other namespaces need NAME.NS.
        (await UdpAsync(at.Address, port, "hotels", DnsMessage.TypeA)).Rcode.Should().Be(DnsMessage.ServFail);
        var hotels = await UdpAsync(at.Address, port, "hotels.other", DnsMessage.TypeA);
        hotels.Addresses.Should().ContainSingle().Which.Should().NotBe(cars.Addresses[0]);
        (await UdpAsync(at.Address, port, "api.example.com", DnsMessage.TypeA)).Addresses.Should().ContainSingle();
        (await UdpAsync(at.Address, port, "missing.shop.svc.cluster.local", DnsMessage.TypeA)).Rcode.Should().Be(DnsMessage.NxDomain);
        var aaaa = await UdpAsync(at.Address, port, "cars.shop", DnsMessage.TypeAaaa);
        (aaaa.Rcode, aaaa.Addresses.Count).Should().Be((DnsMessage.NoError, 0));

        addresses.HostOf(cars.Addresses[0]).Should().Be("cars.shop.svc.cluster.local");
        addresses.HostOf(IPAddress.Parse("10.1.2.3")).Should().BeNull();
        // A later snapshot keeps the address a client may have cached.
        addresses.Update(Snapshot("api.example.com", "cars.shop.svc.cluster.local"));
        (await UdpAsync(at.Address, port, "cars", DnsMessage.TypeA)).Addresses.Should().Equal(cars.Addresses);
    }

    [Fact]
    public async Task Names_outside_the_mesh_are_answered_by_the_upstream_resolver_of_resolv_conf()
    {
        var upstreamAddress = IPAddress.Parse(Net.UniqueLoopback());
        UdpClient upstreamSocket;
        try
        {
            // resolv.conf has no port: the upstream must be on 53, which needs root (or CAP_NET_BIND_SERVICE).
            upstreamSocket = new UdpClient(new IPEndPoint(upstreamAddress, 53));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            Assert.Skip("a stand-in upstream resolver must listen on port 53, which this user may not bind");
            return;
        }
        using var upstream = upstreamSocket;
        var ct = TestContext.Current.CancellationToken;
        var serve = Task.Run(async () =>
        {
            var q = await upstream.ReceiveAsync(ct);
            var question = DnsMessage.ReadQuestion(q.Buffer)!.Value;
            await upstream.SendAsync(DnsMessage.Answer(q.Buffer, question.End, DnsMessage.NoError, [IPAddress.Parse("192.0.2.7")]), q.RemoteEndPoint, ct);
        }, ct);
        using var dir = Repo.TempDir();
        var conf = Path.Combine(dir.Path, "resolv.conf");
        await File.WriteAllTextAsync(conf, $"search shop.svc.cluster.local\nnameserver {upstreamAddress}\n", ct);
        var at = new IPEndPoint(IPAddress.Parse(Net.UniqueLoopback()), 0);
        await using var dns = DnsProxy.Start(new ServiceAddresses("shop"), NullLogger.Instance, conf, at);

        var answer = await UdpAsync(at.Address, dns.Port, "www.example.org", DnsMessage.TypeA);
        await serve;
        answer.Addresses.Select(a => a.ToString()).Should().Equal("192.0.2.7");
        dns.Forwarded.Should().Be(1);
    }

    private static byte[] Query(string name, ushort type)
    {
        var b = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            b.Add((byte)label.Length);
            b.AddRange(Encoding.ASCII.GetBytes(label));
        }
        b.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. b];
    }

    private static (int Rcode, List<IPAddress> Addresses) Parse(byte[] r)
    {
        BinaryPrimitives.ReadUInt16BigEndian(r).Should().Be(0x1234);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(r.AsSpan(6));
        var i = 12;
        while (r[i] != 0)
            i += r[i] + 1;
        i += 5;
        var list = new List<IPAddress>();
        for (var k = 0; k < answers; k++)
        {
            i += 2;
            var type = BinaryPrimitives.ReadUInt16BigEndian(r.AsSpan(i));
            var length = BinaryPrimitives.ReadUInt16BigEndian(r.AsSpan(i + 8));
            if (type == DnsMessage.TypeA)
                list.Add(new IPAddress(r.AsSpan(i + 10, 4)));
            i += 10 + length;
        }
        return (r[3] & 0x0f, list);
    }

    private static async Task<(int Rcode, List<IPAddress> Addresses)> UdpAsync(IPAddress server, int port, string name, ushort type)
    {
        using var client = new UdpClient(server.AddressFamily);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.SendAsync(Query(name, type), new IPEndPoint(server, port), timeout.Token);
        return Parse((await client.ReceiveAsync(timeout.Token)).Buffer);
    }

    private static async Task<(int Rcode, List<IPAddress> Addresses)> TcpAsync(IPAddress server, int port, string name, ushort type)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server, port);
        var stream = client.GetStream();
        var q = Query(name, type);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)q.Length);
        await stream.WriteAsync(length);
        await stream.WriteAsync(q);
        await stream.ReadExactlyAsync(length);
        var r = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        await stream.ReadExactlyAsync(r);
        return Parse(r);
    }
}
