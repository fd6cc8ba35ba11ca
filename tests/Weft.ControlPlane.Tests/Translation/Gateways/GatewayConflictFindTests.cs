using Weft.ControlPlane.Translation.Gateways;

namespace Weft.ControlPlane.Tests.Translation.Gateways;

/// <summary>Which Istio Gateways conflict (IST0145) and which one wins: the first created (the fixture dates documents in file order).</summary>
public sealed class GatewayConflictFindTests
{
    private static string Gateway(string ns, string name, string created, string selector, int port, params string[] hosts) => $$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: {{name}}, namespace: {{ns}}, creationTimestamp: "{{created}}"}
        spec:
          selector: {{{selector}}}
          servers:
          - port: {number: {{port}}, name: http, protocol: HTTP}
            hosts: [{{string.Join(", ", hosts)}}]
        ---

        """;

    [Fact]
    public void Two_gateways_with_one_selector_and_a_shared_host_on_one_port_conflict_and_the_older_wins()
    {
        var push = TranslationFixture.Push(
            Gateway("team-a", "older", "2026-01-01T00:00:00Z", "istio: ingressgateway", 80, "a.example.test", "shop.example.test")
            + Gateway("team-b", "newer", "2026-01-02T00:00:00Z", "istio: ingressgateway", 80, "shop.example.test", "b.example.test"));

        GatewayConflict.Find(push.Gateways, push.Workloads).Should().Equal(
            new GatewayConflict("team-a/older", "team-b/newer", 80, "shop.example.test"));
    }

    [Fact]
    public void Other_ports_other_hosts_and_gateways_on_other_workloads_do_not_conflict()
    {
        var push = TranslationFixture.Push(
            Gateway("a", "one", "2026-01-01T00:00:00Z", "istio: ingressgateway", 80, "shop.example.test")
            + Gateway("a", "two", "2026-01-02T00:00:00Z", "istio: ingressgateway", 8080, "shop.example.test")
            + Gateway("a", "three", "2026-01-03T00:00:00Z", "istio: ingressgateway", 80, "other.example.test")
            + Gateway("a", "four", "2026-01-04T00:00:00Z", "istio: egressgateway", 80, "shop.example.test"));

        GatewayConflict.Find(push.Gateways, push.Workloads).Should().BeEmpty();
    }

    [Fact]
    public void Different_selectors_conflict_when_a_registered_workload_has_the_labels_of_both()
    {
        const string Workload = """
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: gw, namespace: istio-system}
            spec:
              address: 127.0.0.50
              labels: {istio: ingressgateway, team: shop}
            ---

            """;
        var push = TranslationFixture.Push(Workload
            + Gateway("a", "first", "2026-01-01T00:00:00Z", "istio: ingressgateway", 80, "shop.example.test")
            + Gateway("b", "second", "2026-01-02T00:00:00Z", "team: shop", 80, "shop.example.test"));

        GatewayConflict.Find(push.Gateways, push.Workloads).Should().Equal(
            new GatewayConflict("a/first", "b/second", 80, "shop.example.test"));
    }
}
