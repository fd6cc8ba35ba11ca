using Weft.ControlPlane.Translation;
using Weft.Discovery.Listeners;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Translation.Egress;

/// <summary>
/// ServiceEntry <c>addresses</c> with CIDR ranges on TCP ports: the sidecar's outbound listener
/// gets a chain per range matching destination IPs in it, longest prefix first, that relays to
/// the entry's cluster (so the entry's host names the traffic in metrics).
/// </summary>
public sealed class AddressRangeTranslationTests
{
    private static NodeInfo Client => TranslationFixture.Node("client", "default", "127.31.0.1", "app=client");

    private static ProxySnapshot Build(string yaml)
    {
        var snapshot = SnapshotBuilder.Build(TranslationFixture.Push(yaml), Client, new HashSet<string>());
        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        return snapshot;
    }

    private static string Entry(string name, string host, string addresses, string resolution, string protocol = "TCP", int port = 3306) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: {{name}}, namespace: default}
        spec:
          hosts: [{{host}}]
          addresses: [{{addresses}}]
          ports: [{number: {{port}}, name: tcp, protocol: {{protocol}}}]
          resolution: {{resolution}}
          location: MESH_EXTERNAL
        ---

        """;

    private static FilterChain[] RangeChains(ProxySnapshot s) =>
        [.. s.Listeners.Single(l => l.Name == ListenerBuilder.OutboundListener).FilterChains.Where(c => !c.Match.PrefixRanges.IsDefaultOrEmpty)];

    [Fact]
    public void A_cidr_address_on_a_tcp_port_becomes_a_chain_matching_destination_ips_in_the_range()
    {
        var chains = RangeChains(Build(Entry("db", "db.external.test", "10.1.0.0/16", "NONE")));

        chains.Should().ContainSingle();
        chains[0].Name.Should().Be("outbound|3306||db.external.test|10.1.0.0/16");
        chains[0].Match.DestinationPort.Should().Be(3306);
        chains[0].Match.PrefixRanges.Should().Equal("10.1.0.0/16");
        chains[0].Tcp!.Clusters.Select(c => c.Name).Should().Equal("outbound|3306||db.external.test");
        chains[0].Tcp!.StatPrefix.Should().Be("outbound|3306||db.external.test");
    }

    [Fact]
    public void The_longest_prefix_comes_first_whichever_entry_declares_it()
    {
        var chains = RangeChains(Build(
            Entry("wide", "a-wide.external.test", "10.1.0.0/16", "NONE")
            + Entry("narrow", "z-narrow.external.test", "10.1.2.0/24", "STATIC")
            + Entry("host", "m-one.external.test", "10.1.2.3/32", "NONE")));

        chains.Select(c => c.Match.PrefixRanges[0]).Should().Equal("10.1.2.3/32", "10.1.2.0/24", "10.1.0.0/16");
        chains.Select(c => c.Tcp!.Clusters[0].Name).Should().Equal(
            "outbound|3306||m-one.external.test", "outbound|3306||z-narrow.external.test", "outbound|3306||a-wide.external.test");
    }

    [Fact]
    public void A_range_given_with_host_bits_is_matched_by_its_network()
    {
        var chains = RangeChains(Build(Entry("db", "db.external.test", "192.168.7.9/20", "NONE")));

        chains.Single().Match.PrefixRanges.Should().Equal("192.168.0.0/20");
    }

    [Fact]
    public void Single_ip_addresses_and_http_ports_get_no_range_chain()
    {
        var snapshot = Build(Entry("web", "web.external.test", "10.9.0.0/16", "NONE", "HTTP", 80) + Entry("vip", "vip.external.test", "240.0.0.7", "NONE"));

        RangeChains(snapshot).Should().BeEmpty();
        // The single IP stays a name the service is called by.
        snapshot.Listeners.Single(l => l.Name == ListenerBuilder.OutboundListener).FilterChains
            .Should().Contain(c => c.Match.DestinationHosts.Contains("240.0.0.7") && c.Match.DestinationPort == 3306);
    }
}
