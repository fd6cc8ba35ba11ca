using System.Net;
using System.Net.Sockets;
using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// ServiceEntries whose <c>addresses</c> are CIDR ranges on a TCP port: a connection the sidecar
/// takes (here a CONNECT tunnel to an IP, what its transparent listener also produces from an
/// intercepted connection's original destination) to an IP inside a range goes to that entry's
/// cluster, the longest prefix winning, and the sidecar's TCP metrics name the entry's host.
/// </summary>
public sealed class AddressRangeTests
{
    private static string Entry(string name, string range, int port) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {{name}}
        spec:
          hosts:
          - {{name}}.external.test
          addresses:
          - {{range}}
          ports:
          - number: {{port}}
            name: tcp
            protocol: TCP
          resolution: NONE
          location: MESH_EXTERNAL
        """;

    [Fact]
    public async Task A_connection_to_an_ip_in_a_cidr_range_reaches_the_entry_with_the_longest_prefix_and_is_counted_under_its_host()
    {
        await using var mesh = await EgressMesh.StartAsync();
        var (inNarrow, inWide) = FreeAddresses();
        var narrow = mesh.Server("narrow-server", inNarrow, 0);
        var wide = mesh.Server("wide-server", inWide, narrow.Port);
        var prefix = string.Join('.', inNarrow.Split('.')[..2]);
        var third = inNarrow.Split('.')[2];
        // REGISTRY_ONLY: a connection succeeds only through an entry's chain, never the passthrough
        // a sidecar without the config yet would use.
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        await mesh.ApplyAsync("ranges.yaml", Entry("wide", $"{prefix}.0.0/16", narrow.Port) + "\n---\n" + Entry("narrow", $"{prefix}.{third}.0/24", narrow.Port));

        var viaNarrow = await mesh.CurlUntilAsync($"http://{inNarrow}:{narrow.Port}/db", r => r.StdOut.Contains("narrow-server client=", StringComparison.Ordinal), "the /24 entry to take its address", "--proxytunnel");
        viaNarrow.StdOut.Should().Contain("HTTP/1.1 200 OK");
        var viaWide = await mesh.CurlUntilAsync($"http://{inWide}:{narrow.Port}/db", r => r.StdOut.Contains("wide-server client=", StringComparison.Ordinal), "the /16 entry to take an address outside the /24", "--proxytunnel");
        viaWide.StdOut.Should().Contain("HTTP/1.1 200 OK");

        var metrics = await Poll.UntilAsync(mesh.MetricsAsync,
            m => Opened(m, "narrow.external.test") && Opened(m, "wide.external.test"), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Opened(metrics, "narrow.external.test").Should().BeTrue($"the /24 entry's host names its connections:\n{Tcp(metrics)}");
        Opened(metrics, "wide.external.test").Should().BeTrue($"the /16 entry's host names its connections:\n{Tcp(metrics)}");
    }

    private static bool Opened(string metrics, string host) =>
        metrics.Split('\n').Any(l => l.StartsWith("istio_tcp_connections_opened_total{", StringComparison.Ordinal)
            && l.Contains($"destination_service=\"{host}\"", StringComparison.Ordinal));

    private static string Tcp(string metrics) => string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("istio_tcp_connections_opened_total", StringComparison.Ordinal)));

    /// <summary>Two loopback addresses in one /16 but different /24s, neither bound by anyone now.</summary>
    private static (string Narrow, string Wide) FreeAddresses()
    {
        var b = Random.Shared.Next(100, 250);
        var c = Random.Shared.Next(1, 120);
        var d = Random.Shared.Next(2, 250);
        var narrow = $"127.{b}.{c}.{d}";
        var wide = $"127.{b}.{c + 100}.{d}";
        foreach (var a in new[] { narrow, wide })
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Parse(a), 0));
        }
        return (narrow, wide);
    }
}
