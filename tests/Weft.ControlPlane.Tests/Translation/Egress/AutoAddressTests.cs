using Weft.Api.Model.Networking;
using Weft.ControlPlane.Translation;
using Weft.ControlPlane.Translation.Egress;

namespace Weft.ControlPlane.Tests.Translation.Egress;

/// <summary>
/// Mesh-wide addresses for ServiceEntries without addresses: weftd plans them once (kept when
/// recorded, the lowest free one for a new host), stores them in the entry's status, and every
/// proxy's clusters carry them.
/// </summary>
public sealed class AutoAddressTests
{
    private static string Entry(string name, string created, string hosts, string resolution = "DNS", string extra = "", string status = "") => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: {{name}}, namespace: default, creationTimestamp: "{{created}}"}
        spec:
          hosts: [{{hosts}}]
          ports: [{number: 443, name: tls, protocol: TLS}]
          resolution: {{resolution}}
        {{extra}}
        {{status}}
        ---

        """;

    private static List<ServiceEntry> Entries(string yaml) =>
        [.. TranslationFixture.Load(yaml).OfType<ServiceEntry>().OrderBy(e => e.Metadata.CreationTimestamp, StringComparer.Ordinal)];

    [Fact]
    public void New_hosts_get_the_lowest_free_addresses_oldest_entry_first()
    {
        var plan = AutoAddresses.Plan(Entries(Entry("a", "2026-01-01T00:00:00Z", "a1.test, a2.test") + Entry("b", "2026-01-02T00:00:00Z", "b.test")));

        plan["default/a"].Should().Equal(new AutoAddresses.Assigned("a1.test", "240.240.0.1"), new AutoAddresses.Assigned("a2.test", "240.240.0.2"));
        plan["default/b"].Should().Equal(new AutoAddresses.Assigned("b.test", "240.240.0.3"));
    }

    [Fact]
    public void A_recorded_address_stays_and_an_entry_already_right_is_not_rewritten()
    {
        var plan = AutoAddresses.Plan(Entries(
            Entry("a", "2026-01-01T00:00:00Z", "a.test", status: "status: {addresses: [{host: a.test, value: 240.240.0.9}]}")
            + Entry("b", "2026-01-02T00:00:00Z", "b.test")));

        plan.Keys.Should().Equal("default/b");
        plan["default/b"].Should().Equal(new AutoAddresses.Assigned("b.test", "240.240.0.1"));
    }

    [Fact]
    public void Entries_with_addresses_resolution_none_or_wildcards_get_none_and_lose_a_stale_one()
    {
        var plan = AutoAddresses.Plan(Entries(
            Entry("given", "2026-01-01T00:00:00Z", "given.test", extra: "  addresses: [10.0.0.1]")
            + Entry("none", "2026-01-02T00:00:00Z", "none.test", "NONE", status: "status: {addresses: [{host: none.test, value: 240.240.0.1}]}")
            + Entry("wild", "2026-01-03T00:00:00Z", "\"*.wild.test\"")));

        plan.Keys.Should().Equal("default/none");
        plan["default/none"].Should().BeEmpty();
    }

    [Fact]
    public void The_allocated_address_reaches_every_proxys_cluster_for_the_host()
    {
        var push = TranslationFixture.Push(Entry("api", "2026-01-01T00:00:00Z", "api.test", status: "status: {addresses: [{host: api.test, value: 240.240.0.7}]}"));
        foreach (var node in new[] { TranslationFixture.Node("one", "default", "127.31.0.1", "app=one"), TranslationFixture.Node("two", "other", "127.31.0.2", "app=two") })
            SnapshotBuilder.Build(push, node, new HashSet<string>()).Clusters.Single(c => c.Name == "outbound|443||api.test").ServiceAddress.Should().Be("240.240.0.7");
    }
}
