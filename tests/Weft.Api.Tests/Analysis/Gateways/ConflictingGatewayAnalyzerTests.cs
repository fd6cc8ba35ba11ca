namespace Weft.Api.Tests.Analysis.Gateways;

public class ConflictingGatewayAnalyzerTests
{
    private const string Analyzer = "gateway.ConflictingGatewayAnalyzer";

    private static string Gateway(string name, string selector, int port, string host, string? bind = null) => $$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: {{name}}, namespace: istio-ingress}
        spec:
          selector: {{{selector}}}
          servers:
          - port: {number: {{port}}, name: p{{port}}, protocol: HTTP}
            hosts: [{{host}}]
        {{(bind is null ? "" : $"    bind: {bind}")}}
        ---

        """;

    private const string Workload = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: ingress-vm, namespace: istio-ingress}
        spec: {address: 10.0.0.5, labels: {app: ingress, tier: edge}}
        """;

    [Fact]
    public void Two_gateways_on_the_same_workloads_port_and_host_conflict()
    {
        AnalyzerKit.Analyze(Analyzer, Gateway("a", "app: ingress", 80, "control.example.com") + Gateway("b", "app: ingress", 80, "control.example.com") + Workload)
            .Lines().Should().Equal(
                "IST0145 Gateway istio-ingress/a: Conflict with gateways istio-ingress/b (workload selector app=ingress, port 80, hosts control.example.com).",
                "IST0145 Gateway istio-ingress/b: Conflict with gateways istio-ingress/a (workload selector app=ingress, port 80, hosts control.example.com).");
    }

    [Fact]
    public void Overlapping_selectors_that_pick_a_common_workload_conflict_too()
    {
        AnalyzerKit.Analyze(Analyzer, Gateway("a", "app: ingress", 80, "control.example.com") + Gateway("b", "app: ingress, tier: edge", 80, "control.example.com") + Workload)
            .Select(f => f.Origin).Should().Equal("Gateway istio-ingress/a", "Gateway istio-ingress/b");
    }

    [Fact]
    public void Different_hosts_ports_or_bind_addresses_do_not_conflict()
    {
        AnalyzerKit.Analyze(Analyzer,
            Gateway("a", "app: ingress", 80, "control.example.com")
            + Gateway("b", "app: ingress", 80, "portal.example.com")
            + Gateway("c", "app: ingress", 8080, "control.example.com")
            + Gateway("d", "app: ingress", 80, "control.example.com", bind: "10.0.0.6")
            + Workload).Should().BeEmpty();
    }
}
