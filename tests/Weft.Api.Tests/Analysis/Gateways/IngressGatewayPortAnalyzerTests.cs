namespace Weft.Api.Tests.Analysis.Gateways;

public class IngressGatewayPortAnalyzerTests
{
    private const string Analyzer = "gateway.IngressGatewayPortAnalyzer";

    private const string IngressWorkload = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: ingress-vm, namespace: istio-ingress}
        spec:
          address: 10.0.0.5
          labels: {app: ingress}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ingress, namespace: istio-ingress}
        spec:
          selector: {app: ingress}
          ports:
          - {name: http, port: 80, targetPort: 8080}
          - {name: https, port: 443}
          - {name: dns, port: 53, protocol: UDP}
        """;

    private static IReadOnlyList<string> Run(string gateway) => AnalyzerKit.Analyze(Analyzer, IngressWorkload + "\n---\n" + gateway).Lines();

    [Fact]
    public void Ports_the_service_exposes_or_forwards_to_are_fine()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: public, namespace: istio-ingress}
            spec:
              selector: {app: ingress}
              servers:
              - {port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*"]}
              - {port: {number: 80, name: http2, protocol: HTTP}, hosts: ["*"]}
              - {port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: PASSTHROUGH}}
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_port_no_tcp_port_of_the_service_reaches_is_a_warning()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: public, namespace: istio-ingress}
            spec:
              selector: {app: ingress}
              servers:
              - {port: {number: 8443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: PASSTHROUGH}}
              - {port: {number: 53, name: dns, protocol: TCP}, hosts: ["*"]}
            """).Should().Equal(
            "IST0162 Gateway istio-ingress/public: The gateway is listening on a target port (port 8443) that is not defined in the Service associated with its workload instances (Pod selector app=ingress). If you need to access the gateway port through the gateway Service, it will not be available.",
            "IST0162 Gateway istio-ingress/public: The gateway is listening on a target port (port 53) that is not defined in the Service associated with its workload instances (Pod selector app=ingress). If you need to access the gateway port through the gateway Service, it will not be available.");
    }

    [Fact]
    public void A_gateway_that_selects_no_workload_is_an_error()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: typo, namespace: istio-ingress}
            spec:
              selector: {app: ingres, tier: edge}
              servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
            """).Should().Equal("IST0101 Gateway istio-ingress/typo: Referenced selector not found: \"app=ingres,tier=edge\"");
    }
}
